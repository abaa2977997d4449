package io.skyfed.policy.spec;

/**
 * Bounds on what a policy may ask of the engine.
 *
 * @param maxRuleCost the highest estimated evaluation cost any one CEL rule may have; rules above it are refused
 */
public record LimitsSpec(Long maxRuleCost) {

    public static final long DEFAULT_MAX_RULE_COST = 10_000;

    public long maxRuleCostOrDefault() {
        return maxRuleCost == null ? DEFAULT_MAX_RULE_COST : maxRuleCost;
    }
}
