package io.skyfed.policy.spec;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one tenant changes. Weights, burst mode and dwell replace the global values; filters and scorers are added
 * to the global ones; {@code disable} switches plugins or rules off for the tenant (never a protected one).
 */
public record TenantOverrideSpec(
        Map<String, Double> weights,
        List<Name> disable,
        List<FilterSpec> filters,
        List<ScorerSpec> scorers,
        BurstMode burst,
        @JsonDeserialize(using = LocatedScalars.DurationDeserializer.class) Duration minDwell) {
}
