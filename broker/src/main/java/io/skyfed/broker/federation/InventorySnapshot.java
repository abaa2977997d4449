package io.skyfed.broker.federation;

import io.skyfed.broker.persistence.LocationKind;
import io.skyfed.broker.persistence.ProviderEntity;
import io.skyfed.drivers.spi.CapacityReport;
import java.time.Instant;
import java.util.Objects;

/**
 * A provider's inventory_snapshot row: when it was last read, how, and which version of its items is stored.
 * Every replica reads these on each request; the items themselves only when {@code contentVersion} moved.
 */
public record InventorySnapshot(String provider, String driver, LocationKind location, String region,
                                Instant refreshedAt, Instant attemptedAt, String lastError, long contentVersion,
                                CapacityReport capacity) {

    /** Whether the snapshot was read from the provider as it is configured now (not a deleted namesake's). */
    boolean describes(ProviderEntity entity) {
        return driver.equals(entity.driver) && location == entity.location && Objects.equals(region, entity.region);
    }
}
