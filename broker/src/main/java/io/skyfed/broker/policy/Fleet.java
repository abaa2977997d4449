package io.skyfed.broker.policy;

import io.skyfed.policy.model.Snapshot;
import java.util.Map;
import java.util.UUID;

/** A policy snapshot of the federation, with what the broker needs to act on the engine's answers. */
record Fleet(Snapshot snapshot, Map<String, Member> workloads) {

    /** A workload of the snapshot, by the id the engine knows it by (the workload's UUID as text). */
    record Member(UUID id, UUID tenantId, String tenant, String name, String currentProvider) {
    }
}
