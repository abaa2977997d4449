package io.skyfed.policy.plugin.builtin;

import io.skyfed.policy.model.Workload;
import io.skyfed.policy.plugin.CycleState;
import io.skyfed.policy.plugin.ScorePlugin;
import io.skyfed.policy.plugin.SiteScorer;

/** Prefers sites holding fewer of the tenant's workloads, so one site's failure hurts a tenant less. */
public final class SpreadPlugin implements ScorePlugin {

    public static final String NAME = "spread";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SiteScorer score(Workload workload, CycleState state) {
        String tenant = workload.tenant();
        int current = state.currentSite(workload);
        return site -> -(state.tenantWorkloads(tenant, site) - (site == current ? 1 : 0));
    }
}
