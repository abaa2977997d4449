package io.skyfed.policy.decision;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decisions of one batch, in the order they were made.
 *
 * @param activeTriggers the burst triggers active in this batch
 * @param memory         the timed conditions holding now: pass it back in the next snapshot
 */
public record Decisions(String policy, long policyVersion, Instant time, List<String> activeTriggers,
        List<Decision> decisions, Map<String, Instant> memory) {

    public Optional<Decision> of(String workloadId) {
        return decisions.stream().filter(d -> d.workload().equals(workloadId)).findFirst();
    }

    public long count(Action action) {
        return decisions.stream().filter(d -> d.action() == action).count();
    }
}
