package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.Firewall;
import io.skyfed.drivers.spi.FirewallRule;
import io.skyfed.drivers.spi.FirewallRuleSpec;
import io.skyfed.drivers.spi.FirewallService;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.NotFoundException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Security groups, named by their id. Deleting one that instances are in takes them out of it (the reference
 * mock allowed it, and the Deltacloud suite deletes a group its stopped instance still names).
 */
final class MockFirewallService implements FirewallService {

    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "icmp");
    private static final Pattern IPV4_CIDR = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)/(3[0-2]|[12]?\\d)");

    private final MockCloud cloud;
    private final String user;

    MockFirewallService(MockCloud cloud, String user) {
        this.cloud = cloud;
        this.user = user;
    }

    @Override
    public List<Firewall> list() {
        return List.copyOf(cloud.firewalls.values());
    }

    @Override
    public Firewall get(String id) {
        return MockSession.get(cloud.firewalls, "firewall", id);
    }

    @Override
    public Firewall create(String name, String description) {
        MockNames.idSafe("name", name);
        synchronized (cloud) {
            if (cloud.firewalls.containsKey(name)) {
                throw new InvalidArgumentException("name", "a firewall named '" + name + "' exists");
            }
            Firewall firewall = new Firewall(name, name, description, user, List.of());
            cloud.firewalls.put(name, firewall);
            return firewall;
        }
    }

    @Override
    public void delete(String id) {
        synchronized (cloud) {
            get(id);
            cloud.firewalls.remove(id);
            cloud.instances.keySet().forEach(instanceId -> cloud.updateInstance(instanceId,
                    i -> i.firewallIds().contains(id)
                            ? MockInstances.withFirewalls(i, i.firewallIds().stream().filter(f -> !f.equals(id)).toList())
                            : i));
        }
    }

    @Override
    public Firewall addRule(String firewallId, FirewallRuleSpec spec) {
        synchronized (cloud) {
            Firewall firewall = get(firewallId);
            validate(spec);
            FirewallRule rule = new FirewallRule(cloud.nextId("rule", java.util.Map.of()), spec.protocol(),
                    spec.fromPort(), spec.toPort(), spec.sourceCidrs(), spec.sourceGroups(), spec.direction());
            List<FirewallRule> rules = new ArrayList<>(firewall.rules());
            rules.add(rule);
            Firewall updated = new Firewall(firewall.id(), firewall.name(), firewall.description(), firewall.ownerId(), rules);
            cloud.firewalls.put(firewallId, updated);
            return updated;
        }
    }

    @Override
    public Firewall deleteRule(String firewallId, String ruleId) {
        synchronized (cloud) {
            Firewall firewall = get(firewallId);
            List<FirewallRule> rules = firewall.rules().stream().filter(r -> !r.id().equals(ruleId)).toList();
            if (rules.size() == firewall.rules().size()) {
                throw new NotFoundException("firewall rule", ruleId);
            }
            Firewall updated = new Firewall(firewall.id(), firewall.name(), firewall.description(), firewall.ownerId(), rules);
            cloud.firewalls.put(firewallId, updated);
            return updated;
        }
    }

    private void validate(FirewallRuleSpec spec) {
        if (spec.protocol() == null || !PROTOCOLS.contains(spec.protocol())) {
            throw new InvalidArgumentException("protocol", "protocol must be one of tcp, udp, icmp");
        }
        int min = "icmp".equals(spec.protocol()) ? -1 : 0;
        if (spec.fromPort() < min || spec.toPort() > 65535 || spec.fromPort() > spec.toPort()) {
            throw new InvalidArgumentException("port_from", "ports must satisfy " + min + " <= from <= to <= 65535");
        }
        if (spec.sourceCidrs().isEmpty() && spec.sourceGroups().isEmpty()) {
            throw new InvalidArgumentException("ip_address", "a rule needs at least one source address or group");
        }
        for (String cidr : spec.sourceCidrs()) {
            if (!IPV4_CIDR.matcher(cidr).matches()) {
                throw new InvalidArgumentException("ip_address", "'" + cidr + "' is not an IPv4 CIDR block");
            }
        }
        for (String group : spec.sourceGroups()) {
            if (!cloud.firewalls.containsKey(group)) {
                throw new InvalidArgumentException("group", "firewall '" + group + "' not found");
            }
        }
    }
}
