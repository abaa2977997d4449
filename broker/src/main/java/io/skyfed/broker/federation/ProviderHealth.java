package io.skyfed.broker.federation;

import io.skyfed.broker.persistence.HealthState;
import java.time.Instant;

/** The outcome of one connection check: the state, when, how long it took, and why it failed. */
public record ProviderHealth(String provider, HealthState state, Instant checkedAt, long latencyMillis, String error) {
}
