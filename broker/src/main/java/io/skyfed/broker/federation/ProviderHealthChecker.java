package io.skyfed.broker.federation;

import io.skyfed.broker.persistence.HealthState;
import io.skyfed.drivers.DriverRegistry;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.ProviderSettings;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Tests connections: open a session and list its realms, the cheapest call every driver has. Results of stored
 * providers are recorded on the provider.
 */
@ApplicationScoped
public class ProviderHealthChecker {

    private static final Logger LOG = Logger.getLogger(ProviderHealthChecker.class);

    private final ProviderRegistry registry;
    private final ProviderConnector connector;
    private final DriverRegistry drivers;
    private final ProviderCircuits circuits;

    ProviderHealthChecker(ProviderRegistry registry, ProviderConnector connector, DriverRegistry drivers,
                          ProviderCircuits circuits) {
        this.registry = registry;
        this.connector = connector;
        this.drivers = drivers;
        this.circuits = circuits;
    }

    /** Checks a stored provider now and records the outcome. */
    public Uni<ProviderHealth> check(String name) {
        return registry.account(name)
                .flatMap(account -> timed(name, account.provider().driver,
                        connector.withSession(account, ProviderHealthChecker::probe)))
                .call(health -> registry.recordHealth(name, health.state(), health.error()));
    }

    /** Checks settings that are not stored, e.g. before creating a provider. Nothing is recorded. */
    public Uni<ProviderHealth> test(String name, String driver, ProviderSettings settings,
                                    Optional<Credentials> credentials) {
        try {
            UnknownDriverException.require(drivers, driver);
        } catch (UnknownDriverException e) {
            return Uni.createFrom().failure(e);
        }
        return timed(name, driver, connector.withSession(driver, settings, credentials, ProviderHealthChecker::probe));
    }

    private Uni<ProviderHealth> timed(String name, String driver, Uni<Integer> probe) {
        long started = System.nanoTime();
        return probe
                .map(realms -> health(name, driver, HealthState.UP, started, null))
                .onFailure().recoverWithItem(failure -> {
                    String error = Failures.describe(failure);
                    LOG.debugf("Connection check of provider %s failed: %s", name, error);
                    return health(name, driver, HealthState.DOWN, started, error);
                });
    }

    private ProviderHealth health(String name, String driver, HealthState state, long started, String error) {
        var circuit = circuits.of(name, driver);
        return new ProviderHealth(name, state, Instant.now(), millisSince(started), error,
                circuit.map(c -> c.circuit()).orElse(null), circuit.map(c -> c.failures()).orElse(null));
    }

    private static int probe(DriverSession session) {
        return session.realms().size();
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
