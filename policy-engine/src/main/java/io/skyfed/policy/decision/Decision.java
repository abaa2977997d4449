package io.skyfed.policy.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * What to do with one workload, and why.
 *
 * @param from       the current site (null for a pending workload)
 * @param target     where it goes or stays (null on reject)
 * @param reason     the rule or condition that decided it
 * @param score      the target's total score, 0..100
 * @param breakdown  each scorer's weighted, normalised contribution to {@code score}
 * @param rejections for every site that did not admit the workload, the filters that rejected it
 * @param move       for a migration, its estimated egress cost and transfer time
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Decision(String workload, Action action, String from, String target, String reason, double score,
        Map<String, Double> breakdown, Rejections rejections, MoveEstimate move) {
}
