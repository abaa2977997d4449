package io.skyfed.policy.plugin.builtin;

import io.skyfed.policy.model.Workload;
import io.skyfed.policy.plugin.CycleState;
import io.skyfed.policy.plugin.FilterPlugin;
import io.skyfed.policy.plugin.SiteFilter;

/**
 * Workloads of one affinity group run together: once any other member is placed (or running), only sites that
 * hold a member admit the workload.
 */
public final class AffinityPlugin implements FilterPlugin {

    public static final String NAME = "affinity";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SiteFilter filter(Workload workload, CycleState state) {
        String group = workload.affinityGroup();
        if (group.isEmpty()) {
            return SiteFilter.ALL;
        }
        int current = state.currentSite(workload);
        if (state.affinityMembersTotal(group) - (current < 0 ? 0 : 1) == 0) {
            return SiteFilter.ALL;
        }
        return site -> state.affinityMembers(group, site) - (site == current ? 1 : 0) > 0;
    }
}
