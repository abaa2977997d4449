package io.skyfed.drivers.spi;

import java.util.Objects;

/** An object-store container. {@code blobCount} is Deltacloud's "size"; {@code location} may be null. */
public record Bucket(String id, String name, long blobCount, String location) {

    public Bucket {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
