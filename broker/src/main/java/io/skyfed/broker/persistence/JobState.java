package io.skyfed.broker.persistence;

/** A job's life: QUEUED and RUNNING (and CANCELLING, which rolls back) are unfinished, the others final. */
public enum JobState {
    QUEUED,
    RUNNING,
    CANCELLING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
