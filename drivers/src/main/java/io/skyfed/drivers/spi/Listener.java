package io.skyfed.drivers.spi;

import java.util.Objects;

/** A load balancer port: traffic on {@code loadBalancerPort} goes to {@code instancePort} of each member. */
public record Listener(String protocol, int loadBalancerPort, int instancePort) {

    public Listener {
        Objects.requireNonNull(protocol, "protocol");
    }
}
