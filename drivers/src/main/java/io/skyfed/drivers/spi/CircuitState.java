package io.skyfed.drivers.spi;

/** The state of the circuit breaker guarding calls to one provider. */
public enum CircuitState {
    /** Calls flow. */
    CLOSED,
    /** Calls are refused at once: the provider failed too often lately. */
    OPEN,
    /** A trial call decides whether to close again. */
    HALF_OPEN
}
