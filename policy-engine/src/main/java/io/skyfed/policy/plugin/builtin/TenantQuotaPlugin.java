package io.skyfed.policy.plugin.builtin;

import io.skyfed.policy.model.Resources;
import io.skyfed.policy.model.Tenant;
import io.skyfed.policy.model.Workload;
import io.skyfed.policy.plugin.CycleState;
import io.skyfed.policy.plugin.FilterPlugin;
import io.skyfed.policy.plugin.SiteFilter;

/**
 * The tenant's quota and budget: a new workload must fit in what the tenant has left of its quota, and running
 * it on the site must keep the tenant's hourly spend within its budget (counting the batch's earlier decisions).
 */
public final class TenantQuotaPlugin implements FilterPlugin {

    public static final String NAME = "tenant-quota";
    private static final double CENT_FRACTION = 1e-9;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SiteFilter filter(Workload workload, CycleState state) {
        Tenant tenant = state.tenant(workload.tenant());
        int current = state.currentSite(workload);
        Resources size = workload.size();
        if (current < 0 && tenant.quota() != null
                && !state.tenantUsed(tenant.id()).plus(size).fits(tenant.quota())) {
            return site -> false;
        }
        if (tenant.budgetPerHour() == 0) {
            return SiteFilter.ALL;
        }
        double others = state.tenantSpendPerHour(tenant.id())
                - (current < 0 ? 0 : state.site(current).prices().hourlyCost(size));
        double budget = tenant.budgetPerHour() + CENT_FRACTION;
        return site -> others + state.site(site).prices().hourlyCost(size) <= budget;
    }
}
