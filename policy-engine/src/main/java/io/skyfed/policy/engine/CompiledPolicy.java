package io.skyfed.policy.engine;

import java.util.List;
import java.util.Map;

/**
 * A checked policy, compiled once per version: profiles per tenant, burst triggers and migration rules in the
 * order they take precedence. Immutable and shared by every decision session.
 */
public record CompiledPolicy(String name, long version, Profile defaultProfile, Map<String, Profile> tenantProfiles,
        List<BurstTrigger> triggers, double burstHysteresis, List<MigrationRule> migrations,
        double cheaperHysteresis) {

    Profile profileFor(String tenant) {
        return tenantProfiles.getOrDefault(tenant, defaultProfile);
    }
}
