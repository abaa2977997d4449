package io.skyfed.broker.persistence;

/** Where a workload is in its life. */
public enum WorkloadState {
    DEFINED,
    RUNNING,
    STOPPED,
    MIGRATING,
    FAILED,
    DELETED
}
