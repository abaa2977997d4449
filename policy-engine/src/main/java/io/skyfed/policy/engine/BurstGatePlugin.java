package io.skyfed.policy.engine;

import io.skyfed.policy.model.Workload;
import io.skyfed.policy.plugin.CycleState;
import io.skyfed.policy.plugin.FilterPlugin;
import io.skyfed.policy.plugin.SiteFilter;
import io.skyfed.policy.spec.BurstMode;

/**
 * Keeps pending workloads off public sites unless bursting is allowed: the tenant always bursts, or it bursts
 * automatically and a burst trigger is active. Running workloads are not gated (migration rules decide for them).
 */
final class BurstGatePlugin implements FilterPlugin {

    static final String NAME = "burst-gate";

    private final BurstMode mode;

    BurstGatePlugin(BurstMode mode) {
        this.mode = mode;
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
    public SiteFilter filter(Workload workload, CycleState state) {
        boolean publicAllowed = !workload.pending() || mode == BurstMode.ALWAYS
                || (mode == BurstMode.AUTO && state.burstActive());
        return publicAllowed ? SiteFilter.ALL : site -> state.site(site).onPremise();
    }
}
