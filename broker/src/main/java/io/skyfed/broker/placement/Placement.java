package io.skyfed.broker.placement;

/**
 * Where the policy engine would run a workload and why. {@code provider} is null when no site fits; the
 * explanation then says what rejected each site.
 */
public record Placement(String provider, double score, String explanation) {

    public boolean found() {
        return provider != null;
    }
}
