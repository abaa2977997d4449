package io.skyfed.broker.workflow;

import io.quarkus.vertx.VertxContextSupport;
import io.skyfed.broker.federation.ProviderAccount;
import io.skyfed.broker.federation.ProviderRegistry;
import io.skyfed.broker.persistence.ProviderEntity;
import io.skyfed.drivers.DriverRegistry;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverFactory;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Feature;
import io.skyfed.drivers.spi.ProviderSettings;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The driver sessions of one job run, opened on first use and closed with the run. Jobs call drivers directly on
 * their own threads (not through ProviderConnector's call timeout): a disk transfer may rightly take hours.
 */
final class ProviderSessions implements AutoCloseable {

    private final ProviderRegistry registry;
    private final DriverRegistry drivers;
    private final Map<String, DriverSession> open = new HashMap<>();
    private final Map<String, Boolean> namesInstances = new HashMap<>();

    ProviderSessions(ProviderRegistry registry, DriverRegistry drivers) {
        this.registry = registry;
        this.drivers = drivers;
    }

    synchronized DriverSession open(String provider) {
        return open.computeIfAbsent(provider, this::connect);
    }

    /** Whether the provider's driver gives instances the names asked for (Deltacloud's user_name feature). */
    synchronized boolean namesInstances(String provider) {
        open(provider);
        return namesInstances.get(provider);
    }

    private DriverSession connect(String name) {
        ProviderAccount account;
        try {
            account = VertxContextSupport.subscribeAndAwait(() -> registry.account(name));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        ProviderEntity provider = account.provider();
        ProviderSettings settings = new ProviderSettings(provider.name,
                provider.endpoint == null ? null : URI.create(provider.endpoint), provider.region, provider.properties);
        DriverFactory driver = drivers.find(provider.driver)
                .orElseThrow(() -> new PermanentFailure("provider " + name + " uses driver " + provider.driver
                        + ", which is not installed"));
        namesInstances.put(name, driver.supports(Feature.INSTANCE_USER_NAME));
        return driver.connect(account.credentials().orElse(new Credentials("", "")), settings);
    }

    @Override
    public synchronized void close() {
        open.values().forEach(DriverSession::close);
        open.clear();
    }
}
