package io.skyfed.drivers.spi;

import java.util.List;

/**
 * A rule to add; the driver validates protocol, port order and CIDR syntax and assigns the id. A null direction
 * means {@link FirewallDirection#INGRESS}.
 */
public record FirewallRuleSpec(String protocol, int fromPort, int toPort, List<String> sourceCidrs,
                               List<String> sourceGroups, FirewallDirection direction) {

    public FirewallRuleSpec {
        sourceCidrs = List.copyOf(sourceCidrs == null ? List.of() : sourceCidrs);
        sourceGroups = List.copyOf(sourceGroups == null ? List.of() : sourceGroups);
        direction = direction == null ? FirewallDirection.INGRESS : direction;
    }

    /** An ingress rule. */
    public FirewallRuleSpec(String protocol, int fromPort, int toPort, List<String> sourceCidrs,
                            List<String> sourceGroups) {
        this(protocol, fromPort, toPort, sourceCidrs, sourceGroups, FirewallDirection.INGRESS);
    }

    /** For drivers whose firewalls have only ingress rules: refuses an egress rule before anything is sent. */
    public void requireIngress(String driver) {
        if (direction != FirewallDirection.INGRESS) {
            throw new InvalidArgumentException("direction", driver + " firewalls take ingress rules only");
        }
    }
}
