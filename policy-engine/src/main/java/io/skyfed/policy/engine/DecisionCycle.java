package io.skyfed.policy.engine;

import io.skyfed.policy.cel.SiteView;
import io.skyfed.policy.cel.TenantView;
import io.skyfed.policy.cel.WorkloadView;
import io.skyfed.policy.decision.Action;
import io.skyfed.policy.decision.Decision;
import io.skyfed.policy.decision.Decisions;
import io.skyfed.policy.decision.MoveEstimate;
import io.skyfed.policy.decision.Rejections;
import io.skyfed.policy.model.Site;
import io.skyfed.policy.model.Snapshot;
import io.skyfed.policy.model.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * One batch of decisions over a snapshot. Running workloads are decided first, lowest priority first (so the least
 * important leave an overcommitted site first), then pending ones, highest priority first; ties by id. Every
 * commit updates the ledger before the next workload is decided, so the batch never overcommits a site and
 * honours anti-affinity among its own placements.
 */
final class DecisionCycle {

    private static final Comparator<Workload> ORDER = Comparator
            .comparing((Workload w) -> w.pending())
            .thenComparingLong(w -> w.pending() ? -w.priority() : w.priority())
            .thenComparing(Workload::id);

    private final CompiledPolicy policy;
    private final Session session;
    private final LongConsumer latency;

    DecisionCycle(CompiledPolicy policy, Session session, LongConsumer latency) {
        this.policy = policy;
        this.session = session;
        this.latency = latency;
    }

    Decisions run(Snapshot snapshot) {
        Ledger ledger = new Ledger(snapshot, session);
        Map<String, Instant> memory = new TreeMap<>();
        List<String> active = BurstTriggers.evaluate(policy, snapshot, memory);
        ledger.setBurstActive(!active.isEmpty());
        String[] siteIds = new String[ledger.siteCount()];
        for (int i = 0; i < siteIds.length; i++) {
            siteIds[i] = ledger.site(i).id();
        }
        SiteEvaluation eval = new SiteEvaluation(siteIds);
        List<Workload> order = new ArrayList<>(snapshot.workloads());
        order.sort(ORDER);
        UpfrontPreparation upfront = UpfrontPreparation.run(order, policy, ledger);
        List<Decision> decisions = new ArrayList<>(order.size());
        for (int position = 0; position < order.size(); position++) {
            Workload w = order.get(position);
            long start = System.nanoTime();
            Profile profile = policy.profileFor(w.tenant());
            eval.evaluate(w, profile, ledger, upfront, position);
            int current = ledger.currentSite(w);
            decisions.add(current < 0
                    ? decidePending(w, eval, ledger, active, profile)
                    : decideRunning(w, current, eval, ledger, profile, snapshot.memory(), memory));
            latency.accept(System.nanoTime() - start);
        }
        return new Decisions(policy.name(), policy.version(), snapshot.time(), List.copyOf(active),
                List.copyOf(decisions), java.util.Collections.unmodifiableMap(memory));
    }

    private Decision decidePending(Workload w, SiteEvaluation eval, Ledger ledger, List<String> active,
            Profile profile) {
        Rejections rejections = eval.rejections();
        int best = eval.best(s -> true);
        if (best < 0) {
            return new Decision(w.id(), Action.REJECT, null, null, "no site admits the workload", 0, Map.of(),
                    rejections, null);
        }
        int target = eval.site(best);
        ledger.place(w, target);
        Site site = ledger.site(target);
        String reason;
        Action action;
        if (site.onPremise()) {
            action = Action.PLACE;
            reason = "best admissible site";
        } else {
            action = Action.BURST;
            reason = active.isEmpty() ? "tenant bursts always" : "burst trigger active: " + String.join(", ", active);
        }
        return new Decision(w.id(), action, null, site.id(), reason, SiteEvaluation.round(eval.total(best)),
                eval.breakdown(best), rejections, null);
    }

    private Decision decideRunning(Workload w, int current, SiteEvaluation eval, Ledger ledger, Profile profile,
            Map<String, Instant> previous, Map<String, Instant> memory) {
        Rejections rejections = eval.rejections();
        int here = eval.position(current);
        if (here < 0) {
            String why = "current site rejected by " + String.join(", ", eval.rejectionsOf(current));
            int best = eval.best(s -> s != current);
            if (best < 0) {
                return new Decision(w.id(), Action.STAY, ledger.site(current).id(), ledger.site(current).id(),
                        why + "; no other site admits the workload", 0, Map.of(), rejections, null);
            }
            return migrate(w, current, best, "evacuate: " + why, eval, ledger, rejections);
        }
        Instant now = ledger.now();
        MigrationRule fired = null;
        int firedTarget = -1;
        for (MigrationRule rule : policy.migrations()) {
            String key = "migration/" + rule.name() + "/" + w.id();
            int target = candidate(rule, key, w, current, eval, ledger, previous);
            if (target >= 0) {
                Instant since = Timers.since(previous, key, now);
                memory.put(key, since);
                if (fired == null && Timers.held(since, rule.holdFor(), now)) {
                    fired = rule;
                    firedTarget = target;
                }
            }
        }
        String reason = "no migration rule fires";
        if (fired != null) {
            Duration dwell = w.since() == null ? profile.minDwell() : Duration.between(w.since(), now);
            if (dwell.compareTo(profile.minDwell()) >= 0) {
                return migrate(w, current, firedTarget, fired.name(), eval, ledger, rejections);
            }
            reason = "minimum dwell: '" + fired.name() + "' fires, but the workload has been here "
                    + dwell.toMinutes() + " of " + profile.minDwell().toMinutes() + " minutes";
        }
        return new Decision(w.id(), Action.STAY, ledger.site(current).id(), ledger.site(current).id(), reason,
                SiteEvaluation.round(eval.total(here)), eval.breakdown(here), rejections, null);
    }

    /** The position of the site the rule would move the workload to, or -1 when its condition does not hold. */
    private int candidate(MigrationRule rule, String key, Workload w, int current, SiteEvaluation eval,
            Ledger ledger, Map<String, Instant> previous) {
        switch (rule.kind()) {
            case REPATRIATE -> {
                if (ledger.site(current).onPremise() || ledger.burstActive()) {
                    return -1;
                }
                return eval.best(s -> ledger.site(s).onPremise());
            }
            case CHEAPER -> {
                double now = ledger.site(current).prices().hourlyCost(w.size());
                if (now <= 0) {
                    return -1;
                }
                int cheapest = -1;
                double cheapestCost = Double.POSITIVE_INFINITY;
                for (int i = 0; i < eval.feasibleCount(); i++) {
                    int s = eval.site(i);
                    double c = ledger.site(s).prices().hourlyCost(w.size());
                    if (s != current && (c < cheapestCost
                            || (cheapest >= 0 && c == cheapestCost && eval.total(i) > eval.total(cheapest)))) {
                        cheapest = i;
                        cheapestCost = c;
                    }
                }
                double threshold = previous.containsKey(key)
                        ? rule.cheaperBy() - policy.cheaperHysteresis() : rule.cheaperBy();
                return cheapest >= 0 && (now - cheapestCost) / now >= threshold ? cheapest : -1;
            }
            default -> {
                int best = eval.best(s -> s != current);
                if (best < 0) {
                    return -1;
                }
                int target = eval.site(best);
                WorkloadView workload = new WorkloadView(w, ledger.now());
                TenantView tenant = new TenantView(ledger.tenant(w.tenant()));
                SiteView site = new SiteView(ledger.site(current));
                SiteView targetView = new SiteView(ledger.site(target));
                boolean holds = rule.when().test(name -> Optional.ofNullable(switch (name) {
                    case "workload" -> workload;
                    case "tenant" -> tenant;
                    case "site" -> site;
                    case "target" -> targetView;
                    default -> null;
                }));
                return holds ? best : -1;
            }
        }
    }

    private Decision migrate(Workload w, int current, int position, String reason, SiteEvaluation eval,
            Ledger ledger, Rejections rejections) {
        int target = eval.site(position);
        Site from = ledger.site(current);
        Site to = ledger.site(target);
        ledger.migrate(w, current, target);
        long bandwidth = Math.min(from.bandwidthMbps(), to.bandwidthMbps());
        long seconds = bandwidth <= 0 ? 0 : (long) Math.ceil(w.size().diskGiB() * 8.0 * 1024 * 1024 * 1024
                / (bandwidth * 1_000_000.0));
        return new Decision(w.id(), Action.MIGRATE, from.id(), to.id(), reason,
                SiteEvaluation.round(eval.total(position)), eval.breakdown(position), rejections,
                new MoveEstimate(from.prices().egressCost(w.size().diskGiB()), seconds));
    }
}
