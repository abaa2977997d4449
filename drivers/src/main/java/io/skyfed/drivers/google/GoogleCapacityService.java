package io.skyfed.drivers.google;

import io.skyfed.drivers.spi.CapacityFigure;
import io.skyfed.drivers.spi.CapacityReport;
import io.skyfed.drivers.spi.CapacityResource;
import io.skyfed.drivers.spi.CapacityService;
import io.skyfed.drivers.spi.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jclouds.googlecomputeengine.domain.Quota;
import org.jclouds.googlecomputeengine.domain.Region;

/** The region's quotas (metric, limit, usage) as GCE reports them with the region resource. */
final class GoogleCapacityService implements CapacityService {

    /** GCE quota metrics and what they limit. */
    private static final Map<String, CapacityResource> METRICS = Map.of("CPUS", CapacityResource.VCPUS,
            "INSTANCES", CapacityResource.INSTANCES, "DISKS_TOTAL_GB", CapacityResource.STORAGE_GB,
            "IN_USE_ADDRESSES", CapacityResource.PUBLIC_ADDRESSES);

    private final GoogleAccount account;

    GoogleCapacityService(GoogleAccount account) {
        this.account = account;
    }

    @Override
    public CapacityReport capacity() {
        String name = account.settings.region();
        Region region = account.read("Regions:get", "region", name, () -> account.api().regions().get(name));
        if (region == null) {
            throw new NotFoundException("region", name);
        }
        List<CapacityFigure> figures = new ArrayList<>();
        for (Quota quota : region.quotas()) {
            CapacityResource resource = METRICS.get(quota.metric());
            if (resource != null) {
                long used = (long) Math.ceil(quota.usage());
                // A quota lowered below what is in use means "full", not a negative remainder.
                long limit = quota.limit() < 0 ? CapacityFigure.UNLIMITED : Math.max(used, (long) quota.limit());
                figures.add(new CapacityFigure(resource, null, used, limit));
            }
        }
        return new CapacityReport(Instant.now(), figures);
    }
}
