package io.skyfed.drivers.spi;

import java.util.Objects;

/** A public (elastic/floating) IP address; {@code instanceId} is null when it is not associated. */
public record Address(String id, String ipAddress, String instanceId) {

    public Address {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ipAddress, "ipAddress");
    }
}
