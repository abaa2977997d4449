package io.skyfed.broker.persistence;

/** What a durable job does. */
public enum JobKind {
    BURST,
    MIGRATE_COLD,
    MIGRATE_WARM,
    REPATRIATE
}
