package io.skyfed.broker.secrets;

import io.skyfed.broker.persistence.SecretEntity;
import io.skyfed.broker.persistence.SecretRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Secrets at rest, sealed with envelope encryption; each row's id is the authenticated context of its ciphertext.
 * Every method must run inside a Hibernate Reactive session (a transaction for the writing ones).
 */
@ApplicationScoped
public class SecretStore {

    private static final Logger LOG = Logger.getLogger(SecretStore.class);

    private final EnvelopeCipher cipher;
    private final SecretRepository secrets;

    SecretStore(EnvelopeCipher cipher, SecretRepository secrets) {
        this.cipher = cipher;
        this.secrets = secrets;
    }

    /** Seals and stores {@code plaintext}; emits the new secret's id. */
    public Uni<UUID> seal(String plaintext) {
        SecretEntity entity = new SecretEntity();
        entity.id = UUID.randomUUID();
        entity.createdAt = Instant.now();
        entity.store(cipher.seal(plaintext.getBytes(StandardCharsets.UTF_8), context(entity.id)));
        return secrets.persist(entity).replaceWith(entity.id);
    }

    public Uni<String> open(UUID id) {
        return openIfPresent(id).map(value -> value.orElseThrow(
                () -> new SecretDecryptionException("secret " + id + " does not exist")));
    }

    /** The secret's value, or empty when the row is gone (its owner was deleted meanwhile). */
    public Uni<Optional<String>> openIfPresent(UUID id) {
        return secrets.findById(id).map(entity -> Optional.ofNullable(entity)
                .map(found -> new String(cipher.open(found.sealed(), context(id)), StandardCharsets.UTF_8)));
    }

    public Uni<Void> delete(UUID id) {
        return secrets.deleteById(id).replaceWithVoid();
    }

    /** Rewraps the data keys of secrets sealed under a previous master key; emits how many were rewrapped. */
    public Uni<Integer> rewrapToCurrentKey() {
        return secrets.listNotSealedWith(cipher.currentKeyId())
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().invoke(entity -> {
                    entity.store(cipher.rewrap(entity.sealed(), context(entity.id)));
                    entity.rewrappedAt = Instant.now();
                })
                .collect().asList()
                .map(rewrapped -> {
                    if (!rewrapped.isEmpty()) {
                        LOG.infof("Rewrapped %d secret(s) with master key %s", rewrapped.size(), cipher.currentKeyId());
                    }
                    return rewrapped.size();
                });
    }

    private static String context(UUID id) {
        return "secret:" + id;
    }
}
