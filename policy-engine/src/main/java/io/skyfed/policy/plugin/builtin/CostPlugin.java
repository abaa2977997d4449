package io.skyfed.policy.plugin.builtin;

import io.skyfed.policy.model.Resources;
import io.skyfed.policy.model.Workload;
import io.skyfed.policy.plugin.CycleState;
import io.skyfed.policy.plugin.PluginConfig;
import io.skyfed.policy.plugin.ScorePlugin;
import io.skyfed.policy.plugin.SiteScorer;

/**
 * Prefers cheaper sites: the workload's hourly cost on the site, plus for a running workload the egress cost of
 * moving its disk there, spread over {@code amortiseHours} (argument, default 720).
 */
public final class CostPlugin implements ScorePlugin {

    public static final String NAME = "cost";

    private final double amortiseHours;

    public CostPlugin(PluginConfig config) {
        this.amortiseHours = config.number("amortiseHours", 720);
        if (!(amortiseHours > 0)) {
            throw new IllegalArgumentException("argument 'amortiseHours' must be positive");
        }
    }

    @Override
    public boolean snapshotOnly() {
        return true;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SiteScorer score(Workload workload, CycleState state) {
        Resources size = workload.size();
        int current = state.currentSite(workload);
        double moveCost = current < 0 ? 0
                : state.site(current).prices().egressCost(size.diskGiB()) / amortiseHours;
        return site -> -(state.site(site).prices().hourlyCost(size) + (site == current ? 0 : moveCost));
    }
}
