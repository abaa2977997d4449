package io.skyfed.policy.plugin.builtin;

import io.skyfed.policy.model.Resources;
import io.skyfed.policy.plugin.CycleState;
import io.skyfed.policy.plugin.FilterPlugin;
import io.skyfed.policy.plugin.SiteFilter;
import io.skyfed.policy.model.Workload;

/**
 * The workload must fit in the room left on the site (vCPU, RAM, disk, GPUs), counting what earlier decisions of
 * the batch took; drained sites admit nothing. Where the workload already runs it stays admissible unless the
 * site is overcommitted.
 */
public final class CapacityFitPlugin implements FilterPlugin {

    public static final String NAME = "capacity-fit";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SiteFilter filter(Workload workload, CycleState state) {
        int current = state.currentSite(workload);
        Resources size = workload.size();
        return site -> {
            if (state.site(site).drained()) {
                return false;
            }
            return site == current ? !state.overcommitted(site) : size.fits(state.free(site));
        };
    }
}
