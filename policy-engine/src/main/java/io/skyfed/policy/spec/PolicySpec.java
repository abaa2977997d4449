package io.skyfed.policy.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** A placement policy document as written in YAML, before it is checked and compiled. */
public record PolicySpec(
        @JsonProperty(required = true) Name name,
        long version,
        LimitsSpec limits,
        List<PluginSpec> plugins,
        List<FilterSpec> filters,
        List<ScorerSpec> scorers,
        BurstSpec burst,
        List<MigrationSpec> migrations,
        StabilitySpec stability,
        Map<String, TenantOverrideSpec> tenants) {

    public PolicySpec {
        limits = limits == null ? new LimitsSpec(null) : limits;
        filters = filters == null ? List.of() : List.copyOf(filters);
        scorers = scorers == null ? List.of() : List.copyOf(scorers);
        burst = burst == null ? new BurstSpec(List.of(), null) : burst;
        migrations = migrations == null ? List.of() : List.copyOf(migrations);
        stability = stability == null ? new StabilitySpec(null, null) : stability;
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
    }
}
