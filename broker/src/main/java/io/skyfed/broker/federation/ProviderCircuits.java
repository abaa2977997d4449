package io.skyfed.broker.federation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.skyfed.broker.persistence.ProviderEntity;
import io.skyfed.drivers.DriverRegistry;
import io.skyfed.drivers.spi.CircuitState;
import io.skyfed.drivers.spi.ProviderHealth;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The circuit breakers the drivers keep per provider, for health and metrics. A breaker lives in one replica's
 * driver (each replica counts its own calls), so what this shows is this replica's view.
 */
@ApplicationScoped
public class ProviderCircuits {

    private final DriverRegistry drivers;
    private final MeterRegistry meters;
    private final Map<String, String> driverOf = new ConcurrentHashMap<>();

    ProviderCircuits(DriverRegistry drivers, MeterRegistry meters) {
        this.drivers = drivers;
        this.meters = meters;
    }

    /** The breaker of a provider; empty for drivers without one (mock) and providers not connected yet. */
    public Optional<ProviderHealth> of(String provider, String driver) {
        return drivers.find(driver).flatMap(factory -> factory.health(provider));
    }

    /** Registers the provider's gauge once: 0 closed, 1 half-open, 2 open, NaN while unknown. */
    public void track(ProviderEntity provider) {
        if (driverOf.put(provider.name, provider.driver) == null) {
            Gauge.builder("skyfed.provider.circuit.state", driverOf, all -> value(provider.name, all.get(provider.name)))
                    .description("Circuit breaker of calls to the provider on this replica: 0 closed, 1 half-open, 2 open")
                    .tag("provider", provider.name)
                    .register(meters);
        }
    }

    private double value(String provider, String driver) {
        if (driver == null) {
            return Double.NaN;
        }
        return of(provider, driver).map(ProviderHealth::circuit).map(ProviderCircuits::code).orElse(Double.NaN);
    }

    private static double code(CircuitState state) {
        return switch (state) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }
}
