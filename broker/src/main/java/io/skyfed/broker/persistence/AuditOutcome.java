package io.skyfed.broker.persistence;

/** How an audited call or decision ended. */
public enum AuditOutcome {
    SUCCESS,
    FAILURE,
    DENIED
}
