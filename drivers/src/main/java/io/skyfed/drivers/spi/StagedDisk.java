package io.skyfed.drivers.spi;

import java.time.Instant;
import java.util.Objects;

/** A disk being written at offsets ({@link BlockImportService}); {@code virtualSize} in bytes. */
public record StagedDisk(String id, String name, long virtualSize, Instant createdAt) {

    public StagedDisk {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
