package io.skyfed.broker.persistence;

/** A job step's life; COMPENSATED means a cancel or failure undid what the step had created. */
public enum StepState {
    PENDING,
    RUNNING,
    DONE,
    FAILED,
    SKIPPED,
    COMPENSATED
}
