package io.skyfed.policy.plugin.builtin;

import io.skyfed.policy.model.Site;
import io.skyfed.policy.model.Workload;
import io.skyfed.policy.plugin.CycleState;
import io.skyfed.policy.plugin.FilterPlugin;
import io.skyfed.policy.plugin.SiteFilter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Data residency and compliance: the site's jurisdiction must be one the workload allows (when it lists any), and
 * the site must hold every certification the workload requires. Depends on the snapshot only, so the admitted
 * sites are computed once per batch for each distinct (residency, certifications) requirement.
 */
public final class ResidencyPlugin implements FilterPlugin {

    public static final String NAME = "residency";

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
        List<String> jurisdictions = workload.residency();
        List<String> certifications = workload.certifications();
        if (jurisdictions.isEmpty() && certifications.isEmpty()) {
            return SiteFilter.ALL;
        }
        BatchCache cache = state.attachment(this, BatchCache::new);
        if (cache.batch != state) {
            cache.batch = state;
            cache.bits.clear();
        }
        long[] bits = cache.bits.computeIfAbsent(List.of(jurisdictions, certifications), k -> {
            long[] out = new long[(state.siteCount() + 63) >>> 6];
            for (int s = 0; s < state.siteCount(); s++) {
                Site site = state.site(s);
                if ((jurisdictions.isEmpty() || jurisdictions.contains(site.jurisdiction()))
                        && site.certifications().containsAll(certifications)) {
                    out[s >>> 6] |= 1L << s;
                }
            }
            return out;
        });
        return new SiteFilter() {
            @Override
            public boolean admits(int site) {
                return (bits[site >>> 6] & (1L << site)) != 0;
            }

            @Override
            public void admitted(long[] admitted, int siteCount) {
                System.arraycopy(bits, 0, admitted, 0, bits.length);
            }
        };
    }

    /** Admitted sites per requirement, for one batch. */
    private static final class BatchCache {
        private CycleState batch;
        private final Map<List<List<String>>, long[]> bits = new HashMap<>();
    }
}
