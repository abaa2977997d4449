package io.skyfed.drivers.spi;

import java.util.List;

/** A rule to add; the driver validates protocol, port order and CIDR syntax and assigns the id. */
public record FirewallRuleSpec(String protocol, int fromPort, int toPort, List<String> sourceCidrs,
                               List<String> sourceGroups) {

    public FirewallRuleSpec {
        sourceCidrs = List.copyOf(sourceCidrs == null ? List.of() : sourceCidrs);
        sourceGroups = List.copyOf(sourceGroups == null ? List.of() : sourceGroups);
    }
}
