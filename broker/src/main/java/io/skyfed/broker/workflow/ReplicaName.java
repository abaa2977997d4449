package io.skyfed.broker.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This replica's name, {@code skyfed.replica.name} (default host name and process id): the owner written on the
 * leases of the jobs it runs.
 */
@ApplicationScoped
public class ReplicaName {

    private final String name;

    ReplicaName(@ConfigProperty(name = "skyfed.replica.name") Optional<String> configured) {
        this.name = configured.filter(n -> !n.isBlank()).orElseGet(() -> ManagementFactory.getRuntimeMXBean().getName());
    }

    public String get() {
        return name;
    }
}
