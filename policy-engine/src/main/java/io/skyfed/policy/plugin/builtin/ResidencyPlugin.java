package io.skyfed.policy.plugin.builtin;

import io.skyfed.policy.model.Site;
import io.skyfed.policy.model.Workload;
import io.skyfed.policy.plugin.CycleState;
import io.skyfed.policy.plugin.FilterPlugin;
import io.skyfed.policy.plugin.SiteFilter;
import java.util.List;
import java.util.Set;

/**
 * Data residency and compliance: the site's jurisdiction must be one the workload allows (when it lists any), and
 * the site must hold every certification the workload requires.
 */
public final class ResidencyPlugin implements FilterPlugin {

    public static final String NAME = "residency";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SiteFilter prepare(Workload workload, CycleState state) {
        Set<String> jurisdictions = Set.copyOf(workload.residency());
        List<String> certifications = workload.certifications();
        if (jurisdictions.isEmpty() && certifications.isEmpty()) {
            return site -> true;
        }
        return site -> {
            Site s = state.site(site);
            if (!jurisdictions.isEmpty() && !jurisdictions.contains(s.jurisdiction())) {
                return false;
            }
            return s.certifications().containsAll(certifications);
        };
    }
}
