package io.skyfed.policy.plugin.builtin;

import io.skyfed.policy.model.Workload;
import io.skyfed.policy.plugin.CycleState;
import io.skyfed.policy.plugin.FilterPlugin;
import io.skyfed.policy.plugin.SiteFilter;

/** Workloads of one anti-affinity group never share a site, counting those placed earlier in the batch. */
public final class AntiAffinityPlugin implements FilterPlugin {

    public static final String NAME = "anti-affinity";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SiteFilter filter(Workload workload, CycleState state) {
        String group = workload.antiAffinityGroup();
        if (group.isEmpty()) {
            return SiteFilter.ALL;
        }
        int current = state.currentSite(workload);
        return site -> state.antiAffinityMembers(group, site) - (site == current ? 1 : 0) == 0;
    }
}
