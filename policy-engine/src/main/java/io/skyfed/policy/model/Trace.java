package io.skyfed.policy.model;

import java.util.List;

/** A sequence of capacity snapshots to replay a policy over, with the tenants and the workloads at the start. */
public record Trace(List<Tenant> tenants, List<Workload> workloads, List<TraceStep> steps) {

    public Trace {
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
        workloads = workloads == null ? List.of() : List.copyOf(workloads);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }
}
