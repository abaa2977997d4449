package io.skyfed.broker.persistence;

/** The outcome of the last connection check of a provider. */
public enum HealthState {
    UNKNOWN,
    UP,
    DOWN
}
