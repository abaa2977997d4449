package io.skyfed.broker.federation;

import io.skyfed.drivers.DriverRegistry;
import io.skyfed.drivers.spi.Credentials;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.skyfed.broker.persistence.AuditLog;
import io.skyfed.broker.persistence.AuditOutcome;
import io.skyfed.broker.persistence.HealthState;
import io.skyfed.broker.persistence.ProviderEntity;
import io.skyfed.broker.persistence.ProviderRepository;
import io.skyfed.broker.persistence.ProviderSource;
import io.skyfed.broker.secrets.SecretStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The providers Skyfed federates: create, change and remove them, and hand their credentials to drivers.
 * Every change is audited in the same transaction; credentials are sealed on the way in and never leave
 * except towards a driver.
 */
@ApplicationScoped
public class ProviderRegistry {

    private final ProviderRepository providers;
    private final SecretStore secrets;
    private final AuditLog audit;
    private final DriverRegistry drivers;

    ProviderRegistry(ProviderRepository providers, SecretStore secrets, AuditLog audit, DriverRegistry drivers) {
        this.providers = providers;
        this.secrets = secrets;
        this.audit = audit;
        this.drivers = drivers;
    }

    @WithSession
    public Uni<List<ProviderEntity>> list() {
        return providers.listByName();
    }

    @WithSession
    public Uni<ProviderEntity> get(String name) {
        return existing(name);
    }

    @WithTransaction
    public Uni<ProviderEntity> create(ProviderSpec spec, String actor) {
        return create(spec, ProviderSource.API)
                .call(entity -> audited(actor, "provider.create", entity, Map.of("driver", entity.driver)));
    }

    /**
     * Records a refused or failed change in its own transaction (the change's own was rolled back). Only our
     * own exceptions' messages are kept: they name fields and states, never values.
     */
    @WithTransaction
    public Uni<Void> auditFailure(String actor, String action, String name, Throwable failure) {
        boolean ours = failure.getClass().getName().startsWith("io.skyfed.");
        String explanation = failure.getClass().getSimpleName() + (ours ? ": " + failure.getMessage() : "");
        return audit.record(new AuditLog.Entry(actor, null, action, "provider", name, AuditOutcome.FAILURE,
                explanation, Map.of())).replaceWithVoid();
    }

    @WithTransaction
    public Uni<ProviderEntity> update(String name, ProviderSpec spec, String actor, OptionalLong expectedVersion) {
        return existing(name)
                .invoke(entity -> requireVersion(entity, expectedVersion))
                .invoke(entity -> requireOwnedByApi(entity, "changed"))
                .invoke(entity -> {
                    if (!entity.driver.equals(spec.driver())) {
                        throw new ProviderConflictException("the driver of provider '" + name + "' is "
                                + entity.driver + " and cannot change; create another provider instead");
                    }
                })
                .call(entity -> apply(entity, spec))
                .call(entity -> audited(actor, "provider.update", entity,
                        Map.of("credentialsReplaced", spec.credentials().isPresent())));
    }

    @WithTransaction
    public Uni<Void> delete(String name, String actor, OptionalLong expectedVersion) {
        return existing(name)
                .invoke(entity -> requireVersion(entity, expectedVersion))
                .invoke(entity -> requireOwnedByApi(entity, "deleted"))
                .call(this::requireUnused)
                .call(entity -> remove(entity))
                .call(entity -> audited(actor, "provider.delete", entity, Map.of()))
                .replaceWithVoid();
    }

    /**
     * The caller's If-Match: the change applies only to the version it read. The row's optimistic lock still
     * catches a concurrent change between this check and the commit.
     */
    private static void requireVersion(ProviderEntity entity, OptionalLong expected) {
        if (expected.isPresent() && expected.getAsLong() != entity.version) {
            throw new StaleProviderException(entity.name, expected.getAsLong(), entity.version);
        }
    }

    /** The provider with its credentials opened for a driver. */
    @WithSession
    public Uni<ProviderAccount> account(String name) {
        return existing(name).flatMap(this::account);
    }

    /**
     * Every enabled provider with its credentials opened, by name. A provider deleted while this runs (its
     * secret already gone) is left out.
     */
    @WithSession
    public Uni<List<ProviderAccount>> enabledAccounts() {
        return providers.listByName().flatMap(all -> Multi.createFrom().iterable(all)
                .filter(provider -> provider.enabled)
                .onItem().transformToUniAndConcatenate(provider -> provider.credentialSecret == null
                        ? Uni.createFrom().item(new ProviderAccount(provider, Optional.empty()))
                        : secrets.openIfPresent(provider.credentialSecret).map(secret -> secret
                                .map(value -> new ProviderAccount(provider,
                                        Optional.of(new Credentials(provider.credentialUser, value))))
                                .orElse(null)))
                .filter(Objects::nonNull)
                .collect().asList());
    }

    /** The provider's account credentials, opened; empty when none are stored. Needs a session. */
    public Uni<Optional<Credentials>> credentials(ProviderEntity provider) {
        if (provider.credentialSecret == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return secrets.open(provider.credentialSecret)
                .map(secret -> Optional.of(new Credentials(provider.credentialUser, secret)));
    }

    private Uni<ProviderAccount> account(ProviderEntity provider) {
        return credentials(provider).map(credentials -> new ProviderAccount(provider, credentials));
    }

    /**
     * Records the outcome of a connection check or refresh. A plain update, so it neither bumps the version
     * clients use for their own changes nor conflicts with them.
     */
    @WithTransaction
    public Uni<Void> recordHealth(String name, HealthState health, String error) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        update provider set health = :health, health_error = :error, health_checked_at = now()
                        where name = :name""")
                .setParameter("health", health.name())
                .setParameter("error", error)
                .setParameter("name", name)
                .executeUpdate()).replaceWithVoid();
    }

    // --- used inside the caller's transaction (configuration sync) ------------------------------------------

    Uni<ProviderEntity> create(ProviderSpec spec, ProviderSource source) {
        try {
            UnknownDriverException.require(drivers, spec.driver());
        } catch (UnknownDriverException e) {
            return Uni.createFrom().failure(e);
        }
        return providers.findByName(spec.name())
                .invoke(found -> {
                    if (found != null) {
                        throw new ProviderConflictException("a provider named '" + spec.name() + "' already exists");
                    }
                })
                .flatMap(none -> {
                    ProviderEntity entity = new ProviderEntity();
                    entity.id = UUID.randomUUID();
                    entity.name = spec.name();
                    entity.driver = spec.driver();
                    entity.source = source;
                    entity.createdAt = Instant.now();
                    return apply(entity, spec).flatMap(applied -> providers.persist(applied));
                });
    }

    /** Copies the spec onto the entity, sealing new credentials and dropping the replaced secret. */
    Uni<ProviderEntity> apply(ProviderEntity entity, ProviderSpec spec) {
        entity.location = spec.location();
        entity.endpoint = spec.endpoint();
        entity.region = spec.region();
        entity.properties = new HashMap<>(spec.properties());
        entity.enabled = spec.enabled();
        entity.updatedAt = Instant.now();
        if (spec.credentials().isEmpty()) {
            return Uni.createFrom().item(entity);
        }
        Credentials credentials = spec.credentials().get();
        UUID replaced = entity.credentialSecret;
        return secrets.seal(credentials.secret())
                .invoke(sealed -> {
                    entity.credentialUser = credentials.user();
                    entity.credentialSecret = sealed;
                })
                .call(sealed -> replaced == null ? Uni.createFrom().voidItem() : flushThenDelete(replaced))
                .replaceWith(entity);
    }

    /** Forgets the stored credentials and destroys their secret. */
    Uni<ProviderEntity> clearCredentials(ProviderEntity entity) {
        UUID secret = entity.credentialSecret;
        entity.credentialUser = null;
        entity.credentialSecret = null;
        return secret == null ? Uni.createFrom().item(entity) : flushThenDelete(secret).replaceWith(entity);
    }

    Uni<ProviderEntity> remove(ProviderEntity entity) {
        UUID secret = entity.credentialSecret;
        return providers.delete(entity)
                .call(() -> secret == null ? Uni.createFrom().voidItem() : flushThenDelete(secret))
                .replaceWith(entity);
    }

    /** The provider row must stop pointing at the secret before the secret row goes. */
    private Uni<Void> flushThenDelete(UUID secret) {
        return Panache.getSession().flatMap(session -> session.flush()).call(() -> secrets.delete(secret));
    }

    /** Emits how many workloads and key pairs still refer to the provider. */
    Uni<Long> references(ProviderEntity entity) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        select (select count(*) from workload where provider_id = :id)
                             + (select count(*) from key_pair where provider_id = :id)
                        """, Long.class)
                .setParameter("id", entity.id)
                .getSingleResult());
    }

    private Uni<ProviderEntity> existing(String name) {
        return providers.findByName(name).onItem().ifNull().failWith(() -> new ProviderNotFoundException(name));
    }

    private static void requireOwnedByApi(ProviderEntity entity, String verb) {
        if (entity.source == ProviderSource.CONFIGURATION) {
            throw new ProviderConflictException("provider '" + entity.name + "' is defined in configuration "
                    + "(skyfed.providers." + entity.name + ".*) and cannot be " + verb + " through the API");
        }
    }

    private Uni<Void> requireUnused(ProviderEntity entity) {
        return references(entity).invoke(count -> {
            if (count > 0) {
                throw new ProviderConflictException("provider '" + entity.name + "' is still used by " + count
                        + " workload(s) or key pair(s)");
            }
        }).replaceWithVoid();
    }

    private Uni<Void> audited(String actor, String action, ProviderEntity entity, Map<String, Object> details) {
        return audit.record(new AuditLog.Entry(actor, null, action, "provider", entity.name, AuditOutcome.SUCCESS,
                null, details)).replaceWithVoid();
    }
}
