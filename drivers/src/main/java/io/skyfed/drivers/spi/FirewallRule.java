package io.skyfed.drivers.spi;

import java.util.List;
import java.util.Objects;

/**
 * One rule: {@code protocol} (tcp, udp, icmp) on ports {@code fromPort..toPort}, with address ranges
 * ({@code sourceCidrs}, e.g. 10.0.0.0/8) and/or other firewalls ({@code sourceGroups}, by id) as the peers. For an
 * {@link FirewallDirection#EGRESS} rule those peers are the destinations the members may reach.
 */
public record FirewallRule(String id, String protocol, int fromPort, int toPort, List<String> sourceCidrs,
                           List<String> sourceGroups, FirewallDirection direction) {

    public FirewallRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(direction, "direction");
        sourceCidrs = List.copyOf(sourceCidrs);
        sourceGroups = List.copyOf(sourceGroups);
    }

    /** An ingress rule, which is all that drivers without egress rules have. */
    public FirewallRule(String id, String protocol, int fromPort, int toPort, List<String> sourceCidrs,
                        List<String> sourceGroups) {
        this(id, protocol, fromPort, toPort, sourceCidrs, sourceGroups, FirewallDirection.INGRESS);
    }
}
