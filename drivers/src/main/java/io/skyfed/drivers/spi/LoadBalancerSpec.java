package io.skyfed.drivers.spi;

import java.util.List;

/** A load balancer to create: name, realm and at least one listener. */
public record LoadBalancerSpec(String name, String realmId, List<Listener> listeners) {

    public LoadBalancerSpec {
        listeners = List.copyOf(listeners == null ? List.of() : listeners);
    }
}
