package io.skyfed.drivers.spi;

import java.util.List;
import java.util.Objects;

/** A security group: a named set of ingress rules instances can be placed in. */
public record Firewall(String id, String name, String description, String ownerId, List<FirewallRule> rules) {

    public Firewall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        rules = List.copyOf(rules);
    }
}
