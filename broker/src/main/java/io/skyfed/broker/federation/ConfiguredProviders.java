package io.skyfed.broker.federation;

import io.skyfed.drivers.spi.Credentials;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.skyfed.broker.persistence.ProviderEntity;
import io.skyfed.broker.persistence.ProviderRepository;
import io.skyfed.broker.persistence.ProviderSource;
import io.skyfed.broker.secrets.SecretStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Writes the providers defined in configuration to the database at start: new ones are created, changed ones
 * updated, and ones no longer configured removed (or disabled while workloads still use them). Replicas
 * starting together serialise on an advisory lock.
 */
@ApplicationScoped
public class ConfiguredProviders {

    private static final Logger LOG = Logger.getLogger(ConfiguredProviders.class);
    /** Arbitrary, fixed: the advisory lock that serialises configuration syncs across replicas. */
    private static final long SYNC_LOCK = 0x736b7966_65640001L;

    private final ProvidersConfig config;
    private final ProviderRegistry registry;
    private final ProviderRepository providers;
    private final SecretStore secrets;

    ConfiguredProviders(ProvidersConfig config, ProviderRegistry registry, ProviderRepository providers,
                        SecretStore secrets) {
        this.config = config;
        this.registry = registry;
        this.providers = providers;
        this.secrets = secrets;
    }

    void onStart(@Observes @Priority(100) StartupEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(this::sync));
    }

    /** Applies the configuration; must run in a transaction. */
    Uni<Void> sync() {
        Map<String, ProviderSpec> wanted = new HashMap<>();
        config.all().forEach((name, provider) -> wanted.put(name, spec(name, provider)));
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("select pg_advisory_xact_lock(:key)")
                        .setParameter("key", SYNC_LOCK).getSingleResult())
                .flatMap(locked -> secrets.rewrapToCurrentKey())
                .flatMap(rewrapped -> providers.listByName())
                .flatMap(existing -> Multi.createFrom().iterable(plan(existing, wanted))
                        .onItem().transformToUniAndConcatenate(step -> step.get())
                        .collect().asList())
                .replaceWithVoid();
    }

    private List<Supplier<Uni<?>>> plan(List<ProviderEntity> existing,
                                                           Map<String, ProviderSpec> wanted) {
        Map<String, ProviderEntity> byName = new HashMap<>();
        existing.forEach(entity -> byName.put(entity.name, entity));
        List<Supplier<Uni<?>>> steps = new ArrayList<>();
        wanted.forEach((name, spec) -> {
            ProviderEntity current = byName.get(name);
            if (current == null) {
                steps.add(() -> registry.create(spec, ProviderSource.CONFIGURATION)
                        .invoke(created -> LOG.infof("Provider %s (%s) added from configuration", name, spec.driver())));
            } else if (current.source != ProviderSource.CONFIGURATION) {
                throw new IllegalStateException("provider '" + name + "' is defined in configuration but was "
                        + "created through the API; delete it through the API or rename it in configuration");
            } else if (!current.driver.equals(spec.driver())) {
                throw new IllegalStateException("provider '" + name + "' changed its driver from " + current.driver
                        + " to " + spec.driver() + "; give the new account another name");
            } else {
                steps.add(() -> updateIfChanged(current, spec));
            }
        });
        existing.stream()
                .filter(entity -> entity.source == ProviderSource.CONFIGURATION && !wanted.containsKey(entity.name))
                .forEach(gone -> steps.add(() -> retire(gone)));
        return steps;
    }

    private Uni<?> updateIfChanged(ProviderEntity current, ProviderSpec spec) {
        return registry.credentials(current).flatMap(stored -> {
            boolean credentialsChanged = !stored.equals(spec.credentials());
            boolean settingsChanged = current.location != spec.location()
                    || !Objects.equals(current.endpoint, spec.endpoint())
                    || !Objects.equals(current.region, spec.region())
                    || !current.properties.equals(spec.properties())
                    || current.enabled != spec.enabled();
            if (!credentialsChanged && !settingsChanged) {
                return Uni.createFrom().item(current);
            }
            LOG.infof("Provider %s updated from configuration", current.name);
            if (credentialsChanged && spec.credentials().isEmpty()) {
                return registry.apply(current, spec).call(registry::clearCredentials);
            }
            ProviderSpec effective = credentialsChanged ? spec
                    : new ProviderSpec(spec.name(), spec.driver(), spec.location(), spec.endpoint(), spec.region(),
                            spec.properties(), spec.enabled(), Optional.empty());
            return registry.apply(current, effective);
        });
    }

    private Uni<?> retire(ProviderEntity gone) {
        return registry.references(gone).flatMap(count -> {
            if (count > 0) {
                LOG.warnf("Provider %s is no longer configured but still used by %d workload(s) or key pair(s): "
                        + "disabled, not removed", gone.name, count);
                gone.enabled = false;
                return Uni.createFrom().item(gone);
            }
            LOG.infof("Provider %s is no longer configured: removed", gone.name);
            return registry.remove(gone);
        });
    }

    private static ProviderSpec spec(String name, ProvidersConfig.Provider provider) {
        Optional<Credentials> credentials = provider.user().isPresent() || provider.secret().isPresent()
                ? Optional.of(new Credentials(provider.user().orElse(""), provider.secret().orElse("")))
                : Optional.empty();
        return new ProviderSpec(name, provider.driver(), provider.location(), provider.endpoint().orElse(null),
                provider.region().orElse(null), provider.properties(), provider.enabled(), credentials);
    }
}
