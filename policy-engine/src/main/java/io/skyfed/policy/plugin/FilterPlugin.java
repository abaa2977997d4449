package io.skyfed.policy.plugin;

import io.skyfed.policy.model.Workload;

/** A hard constraint: sites it does not admit are out for the workload, and the decision says which plugin said no. */
public interface FilterPlugin extends Plugin {

    /**
     * Called once per workload per decision, before its sites are checked; do per-workload work here so that
     * {@link SiteFilter#admits(int)} stays cheap (it runs for every site).
     */
    SiteFilter filter(Workload workload, CycleState state);
}
