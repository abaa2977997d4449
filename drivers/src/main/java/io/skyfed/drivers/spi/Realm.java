package io.skyfed.drivers.spi;

import java.util.Objects;

/** A placement zone (availability zone, datacenter, cluster). {@code limit} is null when unlimited. */
public record Realm(String id, String name, boolean available, Long limit) {

    public Realm {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
