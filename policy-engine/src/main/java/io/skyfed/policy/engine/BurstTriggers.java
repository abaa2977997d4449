package io.skyfed.policy.engine;

import io.skyfed.policy.cel.FleetView;
import io.skyfed.policy.model.Resources;
import io.skyfed.policy.model.Site;
import io.skyfed.policy.model.Snapshot;
import io.skyfed.policy.model.Workload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates a policy's burst triggers on fleet-wide figures. A trigger's timer starts when its condition first
 * holds and is kept in the decision memory; it is active once the condition has held for its duration. A
 * utilisation trigger that is armed stays armed until utilisation drops below its threshold minus the hysteresis.
 */
final class BurstTriggers {

    private BurstTriggers() {
    }

    static FleetView fleet(Snapshot snapshot) {
        long pending = 0;
        long pendingVcpu = 0;
        for (Workload w : snapshot.workloads()) {
            if (w.pending()) {
                pending++;
                pendingVcpu += w.size().vcpu();
            }
        }
        Resources used = Resources.ZERO;
        Resources capacity = Resources.ZERO;
        for (Site s : snapshot.sites()) {
            if (s.onPremise() && !s.drained()) {
                used = used.plus(s.used());
                capacity = capacity.plus(s.capacity());
            }
        }
        return new FleetView(pending, pendingVcpu, Resources.utilisation(used, capacity),
                capacity.minusFloored(used), snapshot.time().getEpochSecond());
    }

    /** The names of the active triggers; records the timers of all holding conditions in {@code memory}. */
    static List<String> evaluate(CompiledPolicy policy, Snapshot snapshot, Map<String, Instant> memory) {
        FleetView fleet = fleet(snapshot);
        Instant now = snapshot.time();
        List<String> active = new ArrayList<>();
        for (BurstTrigger t : policy.triggers()) {
            String key = "burst/" + t.name();
            boolean armed = snapshot.memory().containsKey(key);
            boolean holds = switch (t.kind()) {
                case UTILISATION -> fleet.onPremUtilisation()
                        > (armed ? t.threshold() - policy.burstHysteresis() : t.threshold());
                case PENDING -> fleet.pendingWorkloads() > t.threshold();
                case WHEN -> t.when().test(name -> name.equals("fleet") ? Optional.of(fleet) : Optional.empty());
            };
            if (holds) {
                Instant since = Timers.since(snapshot.memory(), key, now);
                memory.put(key, since);
                if (Timers.held(since, t.holdFor(), now)) {
                    active.add(t.name());
                }
            }
        }
        return active;
    }
}
