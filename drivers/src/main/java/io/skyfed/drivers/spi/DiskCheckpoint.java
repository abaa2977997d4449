package io.skyfed.drivers.spi;

import java.time.Instant;
import java.util.Objects;

/** A point-in-time view of an instance's boot disk ({@link ChangedBlockService}); {@code virtualSize} in bytes. */
public record DiskCheckpoint(String id, String name, String instanceId, long virtualSize, Instant createdAt) {

    public DiskCheckpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(instanceId, "instanceId");
    }
}
