package io.skyfed.policy.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One capacity snapshot of a what-if trace.
 *
 * @param sites      the sites at this instant; their {@code used} is background use only: the simulator adds the
 *                   simulated workloads itself
 * @param arrivals   workloads that appear (pending) at this step
 * @param departures ids of workloads that end at this step
 */
public record TraceStep(Instant time, List<Site> sites, List<Workload> arrivals, List<String> departures) {

    public TraceStep {
        Objects.requireNonNull(time, "trace step time");
        sites = sites == null ? List.of() : List.copyOf(sites);
        arrivals = arrivals == null ? List.of() : List.copyOf(arrivals);
        departures = departures == null ? List.of() : List.copyOf(departures);
    }
}
