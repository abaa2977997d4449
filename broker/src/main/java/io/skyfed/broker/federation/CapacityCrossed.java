package io.skyfed.broker.federation;

/**
 * A CDI event: an on-premise provider's utilisation rose across the configured trigger at a refresh (the policy
 * loop decides at once instead of waiting for its next tick).
 */
public record CapacityCrossed(String provider, double before, double after) {
}
