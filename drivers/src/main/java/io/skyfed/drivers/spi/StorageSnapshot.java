package io.skyfed.drivers.spi;

import java.time.Instant;
import java.util.Objects;

/** A point-in-time copy of a volume. {@code description} and {@code createdAt} may be null. */
public record StorageSnapshot(String id, String name, String volumeId, String state, String description,
                              Instant createdAt) {

    public StorageSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(volumeId, "volumeId");
        Objects.requireNonNull(state, "state");
    }
}
