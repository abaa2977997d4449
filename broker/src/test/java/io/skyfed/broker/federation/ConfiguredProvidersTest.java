package io.skyfed.broker.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.skyfed.broker.persistence.LocationKind;
import io.skyfed.broker.persistence.ProviderEntity;
import io.skyfed.broker.persistence.ProviderRepository;
import io.skyfed.broker.persistence.ProviderSource;
import io.skyfed.broker.secrets.SecretStore;
import io.skyfed.broker.testing.Canaries;
import io.skyfed.broker.testing.Db;
import io.skyfed.drivers.spi.Credentials;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The start-up synchronisation of configured providers, driven with configurations built by the test. */
@QuarkusTest
class ConfiguredProvidersTest {

    private static final String FIRST = Canaries.secret();
    private static final String SECOND = Canaries.secret();

    @Inject
    ProvidersConfig realConfig;
    @Inject
    ProviderRegistry registry;
    @Inject
    ProviderRepository providers;
    @Inject
    SecretStore secrets;

    @Test
    void addsUpdatesAndRemovesConfiguredProviders() {
        String name = "cfg-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, ProvidersConfig.Provider> config = new HashMap<>(realConfig.all());

        config.put(name, provider("eu-west-1", FIRST));
        sync(config);
        ProviderEntity added = find(name);
        assertThat(added.source).isEqualTo(ProviderSource.CONFIGURATION);
        assertThat(added.location).isEqualTo(LocationKind.PUBLIC);
        assertThat(credentials(added)).contains(new Credentials("mockuser", FIRST));

        sync(config);
        assertThat(find(name).version).as("unchanged configuration writes nothing").isEqualTo(added.version);

        config.put(name, provider("eu-central-1", SECOND));
        sync(config);
        ProviderEntity updated = find(name);
        assertThat(updated.region).isEqualTo("eu-central-1");
        assertThat(credentials(updated)).contains(new Credentials("mockuser", SECOND));
        assertThat(Db.scalar("select count(*) from secret where id = '" + added.credentialSecret + "'", Long.class))
                .as("the replaced secret is destroyed").isZero();

        config.remove(name);
        sync(config);
        assertThat(find(name)).isNull();
        assertThat(find("mock")).as("the embedded provider stays").isNotNull();
    }

    @Test
    void refusesToTakeOverAProviderCreatedThroughTheApi() {
        String name = "api-" + UUID.randomUUID().toString().substring(0, 8);
        Db.await(() -> registry.create(new ProviderSpec(name, "mock", LocationKind.ON_PREMISE, null, null, Map.of(),
                true, Optional.empty()), "test"));
        Map<String, ProvidersConfig.Provider> config = new HashMap<>(realConfig.all());
        config.put(name, provider(null, "x"));

        assertThatThrownBy(() -> sync(config)).hasMessageContaining("created through the API");
        assertThat(find(name).source).isEqualTo(ProviderSource.API);
        Db.await(() -> registry.delete(name, "test", java.util.OptionalLong.empty()));
    }

    @Test
    void refusesUnknownDrivers() {
        Map<String, ProvidersConfig.Provider> config = new HashMap<>(realConfig.all());
        config.put("cfg-bad-driver", new TestProvider("warp-drive", LocationKind.PUBLIC, null, null));

        assertThatThrownBy(() -> sync(config)).hasMessageContaining("unknown driver 'warp-drive'");
        assertThat(find("cfg-bad-driver")).isNull();
    }

    private void sync(Map<String, ProvidersConfig.Provider> config) {
        ConfiguredProviders sync = new ConfiguredProviders(() -> config, registry, providers, secrets);
        Db.inTransaction(sync::sync);
    }

    private ProviderEntity find(String name) {
        return Db.await(() -> Panache.withSession(
                () -> providers.findByName(name)));
    }

    private Optional<Credentials> credentials(ProviderEntity provider) {
        return Db.await(() -> Panache.withSession(
                () -> registry.credentials(provider)));
    }

    private static ProvidersConfig.Provider provider(String region, String secret) {
        return new TestProvider("mock", LocationKind.PUBLIC, region, secret);
    }

    private record TestProvider(String driver, LocationKind location, String regionValue, String secretValue)
            implements ProvidersConfig.Provider {

        public Optional<String> endpoint() {
            return Optional.empty();
        }

        public Optional<String> region() {
            return Optional.ofNullable(regionValue);
        }

        public Optional<String> user() {
            return secretValue == null ? Optional.empty() : Optional.of("mockuser");
        }

        public Optional<String> secret() {
            return Optional.ofNullable(secretValue);
        }

        public Map<String, String> properties() {
            return Map.of();
        }

        public boolean enabled() {
            return true;
        }
    }
}
