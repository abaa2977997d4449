package io.skyfed.policy.engine;

import io.skyfed.policy.decision.Decisions;
import io.skyfed.policy.model.Site;
import io.skyfed.policy.model.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Decides snapshot after snapshot with one policy version, keeping every rule result that is still valid: when
 * only one site changes, only rule inputs involving that site are evaluated again. Not thread-safe; use one
 * session per caller thread.
 */
public final class DecisionSession {

    private final CompiledPolicy policy;
    private final Session session = new Session();
    private Snapshot last;
    private LongConsumer observer = nanos -> { };

    DecisionSession(CompiledPolicy policy) {
        this.policy = policy;
    }

    public Decisions decide(Snapshot snapshot) {
        SnapshotValidator.validate(snapshot, "snapshot");
        Decisions decisions = new DecisionCycle(policy, session, observer).run(snapshot);
        last = snapshot;
        return decisions;
    }

    /**
     * Decides the last snapshot again with one site replaced (typically its capacity or use changed). The memory
     * passed in is the last snapshot's, so timers are not advanced by a re-evaluation.
     */
    public Decisions updateSite(Site changed) {
        if (last == null) {
            throw new IllegalStateException("decide a snapshot before updating one of its sites");
        }
        List<Site> sites = new ArrayList<>(last.sites());
        boolean found = false;
        for (int i = 0; i < sites.size(); i++) {
            if (sites.get(i).id().equals(changed.id())) {
                sites.set(i, changed);
                found = true;
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no site '" + changed.id() + "' in the last snapshot");
        }
        return decide(last.withSites(sites));
    }

    /** Receives the time each workload's decision took, in nanoseconds (for latency metrics). */
    public DecisionSession observeLatency(LongConsumer nanosPerDecision) {
        this.observer = java.util.Objects.requireNonNull(nanosPerDecision);
        return this;
    }

    /** CEL evaluations run so far (rule results not found in the session's memo tables). */
    public long celEvaluations() {
        return session.celEvaluations();
    }
}
