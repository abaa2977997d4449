package io.skyfed.drivers.resilience;

/** The state of a provider's circuit breaker, as health checks and metrics show it. */
public enum BreakerState {
    /** Calls flow. */
    CLOSED,
    /** Calls are rejected at once: the provider failed too often lately. */
    OPEN,
    /** A few trial calls decide whether to close again. */
    HALF_OPEN
}
