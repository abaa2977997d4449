package io.skyfed.policy.decision;

import java.util.List;

/**
 * The result of replaying a policy over a trace.
 *
 * @param moves        migrations decided over the whole trace
 * @param runningCost  hourly cost of every running workload, integrated between steps
 * @param egressCost   egress cost of the migrations
 */
public record SimulationReport(String policy, long policyVersion, int steps, long placements, long bursts,
        long moves, long rejections, double runningCost, double egressCost, double totalCost,
        List<SimulationStep> timeline) {
}
