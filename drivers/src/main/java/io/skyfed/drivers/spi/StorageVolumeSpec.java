package io.skyfed.drivers.spi;

/**
 * A volume to create: of {@code capacityGb} (null lets the driver choose, or take the snapshot's size), from
 * {@code snapshotId} when not null, in {@code realmId} when not null.
 */
public record StorageVolumeSpec(String name, Long capacityGb, String realmId, String snapshotId, String description) {
}
