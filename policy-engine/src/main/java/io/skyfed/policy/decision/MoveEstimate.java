package io.skyfed.policy.decision;

/**
 * What a migration costs: egress of the disk out of the source site, and transfer time at the slower of the two
 * sites' bandwidths (0 when a site's bandwidth is unknown).
 */
public record MoveEstimate(double egressCost, long transferSeconds) {
}
