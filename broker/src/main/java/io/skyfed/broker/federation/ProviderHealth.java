package io.skyfed.broker.federation;

import io.skyfed.broker.persistence.HealthState;
import io.skyfed.drivers.spi.CircuitState;
import java.time.Instant;

/**
 * The outcome of one connection check: the state, when, how long it took, and why it failed; with the
 * circuit breaker of this replica's calls to the provider ({@code circuit} null for drivers without one).
 */
public record ProviderHealth(String provider, HealthState state, Instant checkedAt, long latencyMillis, String error,
                             CircuitState circuit, Long circuitFailures) {
}
