package io.skyfed.broker.federation;

import io.skyfed.broker.persistence.LocationKind;
import io.skyfed.drivers.spi.CapacityReport;
import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.Realm;
import java.time.Instant;
import java.util.List;

/**
 * What one provider held at its last successful refresh. {@code lastError} is the failure of the latest attempt
 * when it failed after that (the data is then kept, and grows stale); {@code refreshedAt} is null until the first
 * success. {@code capacity} is null when the driver reports none.
 */
public record ProviderInventory(String provider, String driver, LocationKind location, String region,
                                Instant refreshedAt, Instant attemptedAt, String lastError,
                                List<Instance> instances, List<Image> images, List<HardwareProfile> hardwareProfiles,
                                List<Realm> realms, CapacityReport capacity) {

    public ProviderInventory {
        instances = List.copyOf(instances);
        images = List.copyOf(images);
        hardwareProfiles = List.copyOf(hardwareProfiles);
        realms = List.copyOf(realms);
    }
}
