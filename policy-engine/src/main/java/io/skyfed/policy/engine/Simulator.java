package io.skyfed.policy.engine;

import io.skyfed.policy.InvalidDocumentException;
import io.skyfed.policy.decision.Action;
import io.skyfed.policy.decision.Decision;
import io.skyfed.policy.decision.Decisions;
import io.skyfed.policy.decision.SimulationReport;
import io.skyfed.policy.decision.SimulationStep;
import io.skyfed.policy.model.Resources;
import io.skyfed.policy.model.Site;
import io.skyfed.policy.model.Snapshot;
import io.skyfed.policy.model.Trace;
import io.skyfed.policy.model.TraceStep;
import io.skyfed.policy.model.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays a policy over a trace: at each step the simulated workloads are added to the sites' background use, the
 * policy decides, and the decisions are applied as if carried out at once. Running cost is each running
 * workload's hourly cost integrated until the next step; egress is charged per migration.
 */
final class Simulator {

    private final CompiledPolicy policy;

    Simulator(CompiledPolicy policy) {
        this.policy = policy;
    }

    SimulationReport run(Trace trace) {
        Session session = new Session();
        Map<String, Workload> workloads = new LinkedHashMap<>();
        trace.workloads().forEach(w -> workloads.put(w.id(), w));
        Map<String, Instant> memory = Map.of();
        List<SimulationStep> timeline = new ArrayList<>();
        long placements = 0;
        long bursts = 0;
        long moves = 0;
        long rejections = 0;
        double runningTotal = 0;
        double egressTotal = 0;
        Instant previousTime = null;
        Map<String, Site> previousSites = Map.of();
        for (TraceStep step : trace.steps()) {
            if (previousTime != null && step.time().isBefore(previousTime)) {
                throw InvalidDocumentException.single("trace", 0, 0, "steps must be in time order: "
                        + step.time() + " comes after " + previousTime);
            }
            double running = previousTime == null ? 0
                    : runningCost(workloads, previousSites, Duration.between(previousTime, step.time()));
            step.departures().forEach(workloads::remove);
            for (Workload w : step.arrivals()) {
                if (workloads.putIfAbsent(w.id(), w) != null) {
                    throw InvalidDocumentException.single("trace", 0, 0, "workload '" + w.id() + "' arrives twice");
                }
            }
            strandOnVanishedSites(step.sites(), workloads);
            List<Site> sites = withSimulatedUse(step.sites(), workloads);
            Snapshot snapshot = new Snapshot(step.time(), sites, trace.tenants(), List.copyOf(workloads.values()),
                    memory);
            SnapshotValidator.validate(snapshot, "trace step " + step.time());
            Decisions decisions = new DecisionCycle(policy, session, nanos -> { }).run(snapshot);
            memory = decisions.memory();
            Map<String, Site> siteById = new HashMap<>();
            sites.forEach(s -> siteById.put(s.id(), s));
            double egress = 0;
            List<Decision> changes = new ArrayList<>();
            for (Decision d : decisions.decisions()) {
                if (d.action() == Action.STAY) {
                    continue;
                }
                changes.add(d);
                if (d.action() == Action.MIGRATE) {
                    egress += d.move().egressCost();
                }
                if (d.target() != null) {
                    workloads.computeIfPresent(d.workload(), (id, w) -> w.placedAt(d.target(), step.time()));
                }
            }
            long placed = decisions.count(Action.PLACE);
            long burst = decisions.count(Action.BURST);
            long migrated = decisions.count(Action.MIGRATE);
            long rejected = decisions.count(Action.REJECT);
            placements += placed;
            bursts += burst;
            moves += migrated;
            rejections += rejected;
            runningTotal += running;
            egressTotal += egress;
            timeline.add(new SimulationStep(step.time(), decisions.activeTriggers(), placed, burst, migrated,
                    decisions.count(Action.STAY), rejected, round(running), round(egress), List.copyOf(changes)));
            previousTime = step.time();
            previousSites = siteById;
        }
        return new SimulationReport(policy.name(), policy.version(), trace.steps().size(), placements, bursts, moves,
                rejections, round(runningTotal), round(egressTotal), round(runningTotal + egressTotal),
                List.copyOf(timeline));
    }

    /** A site missing from a step has gone: its workloads are pending again. */
    private static void strandOnVanishedSites(List<Site> sites, Map<String, Workload> workloads) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        sites.forEach(s -> ids.add(s.id()));
        workloads.replaceAll((id, w) -> w.pending() || ids.contains(w.currentSite()) ? w : w.placedAt(null, null));
    }

    private static List<Site> withSimulatedUse(List<Site> sites, Map<String, Workload> workloads) {
        Map<String, Resources> use = new HashMap<>();
        for (Workload w : workloads.values()) {
            if (!w.pending()) {
                use.merge(w.currentSite(), w.size(), Resources::plus);
            }
        }
        List<Site> out = new ArrayList<>(sites.size());
        for (Site s : sites) {
            Resources extra = use.get(s.id());
            out.add(extra == null ? s : s.withUsed(s.used().plus(extra)));
        }
        return out;
    }

    private static double runningCost(Map<String, Workload> workloads, Map<String, Site> sites, Duration elapsed) {
        double hours = elapsed.toSeconds() / 3600.0;
        double cost = 0;
        for (Workload w : workloads.values()) {
            Site s = w.pending() ? null : sites.get(w.currentSite());
            if (s != null) {
                cost += s.prices().hourlyCost(w.size()) * hours;
            }
        }
        return cost;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
