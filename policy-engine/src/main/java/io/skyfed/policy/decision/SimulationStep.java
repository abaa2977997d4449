package io.skyfed.policy.decision;

import java.time.Instant;
import java.util.List;

/** One step of a what-if run: the changes decided (stays are counted, not listed) and the cost accrued since. */
public record SimulationStep(Instant time, List<String> activeTriggers, long placed, long burst, long migrated,
        long stayed, long rejected, double runningCost, double egressCost, List<Decision> changes) {
}
