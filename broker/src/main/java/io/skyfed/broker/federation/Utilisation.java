package io.skyfed.broker.federation;

import io.skyfed.drivers.spi.CapacityFigure;
import io.skyfed.drivers.spi.CapacityReport;
import io.skyfed.drivers.spi.CapacityResource;
import java.util.List;

/** How full a provider is: the highest used/limit ratio over vCPUs, memory and storage (the policy engine's measure). */
public final class Utilisation {

    private static final List<CapacityResource> MEASURED = List.of(CapacityResource.VCPUS,
            CapacityResource.MEMORY_MB, CapacityResource.STORAGE_GB);

    private Utilisation() {
    }

    /** 0 when the report is missing or every measured resource is unlimited. */
    public static double of(CapacityReport report) {
        if (report == null) {
            return 0;
        }
        double highest = 0;
        for (CapacityResource resource : MEASURED) {
            CapacityFigure figure = report.total(resource).orElse(null);
            if (figure != null && figure.limit() > 0) {
                highest = Math.max(highest, (double) figure.used() / figure.limit());
            }
        }
        return highest;
    }
}
