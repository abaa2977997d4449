package io.skyfed.drivers.spi;

import java.util.List;

/** Security groups ({@link CollectionKind#FIREWALLS}). */
public interface FirewallService {

    List<Firewall> list();

    /** @throws NotFoundException when there is no such firewall */
    Firewall get(String id);

    /** @throws InvalidArgumentException when the name is taken or empty */
    Firewall create(String name, String description);

    /** @throws InvalidStateException while instances are in it */
    void delete(String id);

    /**
     * @throws InvalidArgumentException for a bad protocol, port range, CIDR or unknown source group, or an egress rule
     *                                  where the provider's firewalls have only ingress rules
     */
    Firewall addRule(String firewallId, FirewallRuleSpec rule);

    /** @throws NotFoundException when the firewall or rule does not exist */
    Firewall deleteRule(String firewallId, String ruleId);
}
