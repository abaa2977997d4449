package io.skyfed.drivers.spi;

import java.util.List;
import java.util.Objects;

/**
 * One ingress rule: {@code protocol} (tcp, udp, icmp) on ports {@code fromPort..toPort}, from address ranges
 * ({@code sourceCidrs}, e.g. 10.0.0.0/8) and/or other firewalls ({@code sourceGroups}, by id).
 */
public record FirewallRule(String id, String protocol, int fromPort, int toPort, List<String> sourceCidrs,
                           List<String> sourceGroups) {

    public FirewallRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(protocol, "protocol");
        sourceCidrs = List.copyOf(sourceCidrs);
        sourceGroups = List.copyOf(sourceGroups);
    }
}
