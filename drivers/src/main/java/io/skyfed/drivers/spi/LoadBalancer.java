package io.skyfed.drivers.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A load balancer over instances in some realms. */
public record LoadBalancer(String id, String name, List<String> realmIds, List<Listener> listeners,
                           List<String> publicAddresses, List<String> instanceIds, Instant createdAt) {

    public LoadBalancer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        realmIds = List.copyOf(realmIds);
        listeners = List.copyOf(listeners);
        publicAddresses = List.copyOf(publicAddresses);
        instanceIds = List.copyOf(instanceIds);
    }
}
