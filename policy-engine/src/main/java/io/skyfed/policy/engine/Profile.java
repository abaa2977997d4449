package io.skyfed.policy.engine;

import io.skyfed.policy.plugin.FilterPlugin;
import io.skyfed.policy.plugin.ScorePlugin;
import io.skyfed.policy.spec.BurstMode;
import java.time.Duration;
import java.util.List;

/**
 * The plugins and settings that decide for one tenant (or for every tenant without overrides), in the order the
 * engine runs them; scorer weights are parallel to {@code scorers}.
 */
record Profile(List<FilterPlugin> filters, List<ScorePlugin> scorers, double[] weights, BurstMode burst,
        Duration minDwell, String[] filterNames) {

    Profile {
        filters = List.copyOf(filters);
        scorers = List.copyOf(scorers);
        filterNames = filters.stream().map(FilterPlugin::name).toArray(String[]::new);
    }

    Profile(List<FilterPlugin> filters, List<ScorePlugin> scorers, double[] weights, BurstMode burst,
            Duration minDwell) {
        this(filters, scorers, weights, burst, minDwell, null);
    }
}
