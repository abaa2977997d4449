package io.skyfed.broker.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.skyfed.broker.persistence.SecretRepository;
import io.skyfed.broker.testing.Db;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** A master key rotation against the real database: old secrets are rewrapped and open with the new key alone. */
@QuarkusTest
class SecretRotationTest {

    /** Fixed, so a run that dies half-way leaves only secrets the next run can still rewrap. */
    private static final MasterKey RETIRED = new MasterKey(filled((byte) 0x5a));

    @Inject
    SecretStore current;
    @Inject
    EnvelopeCipher currentCipher;
    @Inject
    SecretRepository repository;

    @Test
    void secretsSealedWithARetiredKeyAreRewrappedAtRotation() {
        SecretStore beforeRotation = new SecretStore(new EnvelopeCipher(RETIRED, List.of()), repository);
        UUID id = Db.inTransaction(() -> beforeRotation.seal("rotate-me"));
        assertThat(keyOf(id)).isEqualTo(RETIRED.id());

        SecretStore duringRotation = new SecretStore(
                new EnvelopeCipher(currentKey(), List.of(RETIRED)), repository);
        int rewrapped = Db.inTransaction(duringRotation::rewrapToCurrentKey);

        assertThat(rewrapped).isPositive();
        assertThat(keyOf(id)).isEqualTo(currentCipher.currentKeyId());
        assertThat(Db.await(() -> Panache.withSession(() -> current.open(id))))
                .as("the process's own store, which knows only the current key").isEqualTo("rotate-me");
        Db.inTransaction(() -> current.delete(id));
    }

    private String keyOf(UUID id) {
        return Db.scalar("select master_key_id from secret where id = '" + id + "'", String.class);
    }

    /** The test profile's master key (application.properties), which the injected store seals with. */
    private static MasterKey currentKey() {
        return new MasterKey(Base64.getDecoder().decode(
                ConfigProvider.getConfig()
                        .getValue("skyfed.secrets.master-key", String.class)));
    }

    private static byte[] filled(byte value) {
        byte[] material = new byte[MasterKey.LENGTH_BYTES];
        Arrays.fill(material, value);
        return material;
    }
}
