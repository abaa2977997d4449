package io.skyfed.drivers.spi;

import java.util.Objects;

/** One address of an instance: an IP or a host name (Deltacloud's {@code <address type=...>}). */
public record InstanceAddress(String address, Type type) {

    public enum Type { IPV4, IPV6, HOSTNAME, MAC, VNC }

    public InstanceAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
    }
}
