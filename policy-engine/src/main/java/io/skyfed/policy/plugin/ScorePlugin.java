package io.skyfed.policy.plugin;

import io.skyfed.policy.model.Workload;

/**
 * A preference. Raw scores (higher is better) are normalised by the engine to 0..100 over the admissible sites
 * (min-max; all equal gives 100), then weighted.
 */
public interface ScorePlugin extends Plugin {

    /** Called once per workload per decision, before its admissible sites are scored. */
    SiteScorer score(Workload workload, CycleState state);
}
