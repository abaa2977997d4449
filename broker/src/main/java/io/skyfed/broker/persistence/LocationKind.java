package io.skyfed.broker.persistence;

/** Whether a provider is a site the enterprise runs itself or a public cloud it bursts into. */
public enum LocationKind {
    ON_PREMISE,
    PUBLIC
}
