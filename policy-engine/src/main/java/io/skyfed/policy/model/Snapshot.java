package io.skyfed.policy.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a decision needs at one instant.
 *
 * @param memory when each timed condition (a burst trigger, a migration rule for a workload) started to hold,
 *               as returned with the previous decisions; empty on the first call
 */
public record Snapshot(Instant time, List<Site> sites, List<Tenant> tenants, List<Workload> workloads,
        Map<String, Instant> memory) {

    public Snapshot {
        Objects.requireNonNull(time, "snapshot time");
        sites = sites == null ? List.of() : List.copyOf(sites);
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
        workloads = workloads == null ? List.of() : List.copyOf(workloads);
        memory = memory == null ? Map.of() : Map.copyOf(memory);
    }

    public Snapshot withSites(List<Site> newSites) {
        return new Snapshot(time, newSites, tenants, workloads, memory);
    }
}
