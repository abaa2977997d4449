package io.skyfed.broker.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** This broker process's name among the replicas: what leases and the run log record. */
@ApplicationScoped
public class Replica {

    private final String name;

    Replica(@ConfigProperty(name = "skyfed.replica.name") Optional<String> configured) {
        this.name = configured.filter(value -> !value.isBlank()).orElseGet(Replica::hostAndPid);
    }

    public String name() {
        return name;
    }

    /** On Kubernetes the host name is the pod's name, unique among the replicas; the pid separates processes on one machine. */
    private static String hostAndPid() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
