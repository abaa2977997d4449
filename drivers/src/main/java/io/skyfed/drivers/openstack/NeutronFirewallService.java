package io.skyfed.drivers.openstack;

import static io.skyfed.drivers.openstack.OpenStackJson.text;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.Firewall;
import io.skyfed.drivers.spi.FirewallRule;
import io.skyfed.drivers.spi.FirewallRuleSpec;
import io.skyfed.drivers.spi.FirewallService;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.support.Cidr;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Neutron security groups (Networking API v2.0) as firewalls; Nova's own security-group API is deprecated. Only
 * ingress rules are shown, as the SPI's rules are ingress rules. Neutron rules have one source each, so a rule with
 * several CIDRs or groups becomes one Neutron rule per source (no source: 0.0.0.0/0), each listed by its own id.
 */
final class NeutronFirewallService implements FirewallService {

    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "icmp");

    private final OpenStackRest rest;

    NeutronFirewallService(OpenStackRest rest) {
        this.rest = rest;
    }

    @Override
    public List<Firewall> list() {
        return rest.read("list security groups", "network", "GET", "/v2.0/security-groups", null,
                OpenStackRest.about("firewall", null), j -> {
                    List<Firewall> firewalls = new ArrayList<>();
                    for (JsonElement g : j.getAsJsonArray("security_groups")) {
                        firewalls.add(firewall(g.getAsJsonObject()));
                    }
                    return firewalls;
                }).stream().sorted(Comparator.comparing(Firewall::id)).toList();
    }

    @Override
    public Firewall get(String id) {
        if (!OpenStackIds.valid(id)) {
            throw new NotFoundException("firewall", id);
        }
        return rest.read("look up security group", "network", "GET", "/v2.0/security-groups/" + id, null,
                OpenStackRest.about("firewall", id), j -> firewall(j.getAsJsonObject("security_group")));
    }

    @Override
    public Firewall create(String name, String description) {
        if (name == null || name.isBlank() || name.length() > 255) {
            throw new InvalidArgumentException("name", "a firewall name is 1 to 255 characters");
        }
        // Neutron allows two groups of one name; the SPI does not, so a taken name is refused here.
        if (list().stream().anyMatch(f -> f.name().equals(name))) {
            throw new InvalidArgumentException("name", "a firewall named '" + name + "' exists");
        }
        JsonObject group = new JsonObject();
        group.addProperty("name", name);
        group.addProperty("description", description == null ? "" : description);
        JsonObject body = new JsonObject();
        body.add("security_group", group);
        // Neutron takes no idempotency token, but the driver keeps names unique: a retry first looks for the name.
        return rest.createWithLookUp("create security group", "network", "/v2.0/security-groups", body,
                OpenStackRest.about("firewall", null), j -> firewall(j.getAsJsonObject("security_group")),
                () -> groupsUnguarded().stream().filter(f -> f.name().equals(name)).findFirst());
    }

    private List<Firewall> groupsUnguarded() throws Exception {
        List<Firewall> firewalls = new ArrayList<>();
        for (JsonElement g : rest.unguardedGet("network", "/v2.0/security-groups").getAsJsonArray("security_groups")) {
            firewalls.add(firewall(g.getAsJsonObject()));
        }
        return firewalls;
    }

    @Override
    public void delete(String id) {
        get(id);
        rest.read("delete security group", "network", "DELETE", "/v2.0/security-groups/" + id, null,
                OpenStackRest.about("firewall", id), j -> null);
    }

    @Override
    public Firewall addRule(String firewallId, FirewallRuleSpec rule) {
        rule.requireIngress("OpenStack");
        String protocol = rule.protocol() == null ? "" : rule.protocol().toLowerCase(java.util.Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw new InvalidArgumentException("protocol", "a rule's protocol is tcp, udp or icmp, not "
                    + rule.protocol());
        }
        int max = protocol.equals("icmp") ? 255 : 65535;
        if (rule.fromPort() < 0 || rule.toPort() > max || rule.fromPort() > rule.toPort()) {
            throw new InvalidArgumentException("port_from", "ports " + rule.fromPort() + ".." + rule.toPort()
                    + " are not a range within 0.." + max);
        }
        for (String cidr : rule.sourceCidrs()) {
            if (!Cidr.valid(cidr)) {
                throw new InvalidArgumentException("ip_address", cidr + " is not an IPv4 or IPv6 CIDR");
            }
        }
        get(firewallId);
        for (String group : rule.sourceGroups()) {
            try {
                get(group);
            } catch (NotFoundException e) {
                throw new InvalidArgumentException("group", "source firewall '" + group + "' does not exist");
            }
        }
        List<JsonObject> rules = new ArrayList<>();
        rule.sourceCidrs().forEach(c -> rules.add(neutronRule(firewallId, protocol, rule, "remote_ip_prefix", c,
                c.contains(":") ? "IPv6" : "IPv4")));
        rule.sourceGroups().forEach(g -> rules.add(neutronRule(firewallId, protocol, rule, "remote_group_id", g,
                "IPv4")));
        if (rules.isEmpty()) {
            rules.add(neutronRule(firewallId, protocol, rule, "remote_ip_prefix", "0.0.0.0/0", "IPv4"));
        }
        for (JsonObject r : rules) {
            JsonObject body = new JsonObject();
            body.add("security_group_rule", r);
            // A rule is unique by its content (Neutron refuses a duplicate with 409): a retry first looks for it.
            rest.createWithLookUp("create security group rule", "network", "/v2.0/security-group-rules", body,
                    e -> e.status() == 409 ? new InvalidArgumentException("rule", "the firewall has this rule")
                            : new InvalidArgumentException("rule", e.getMessage()), j -> true,
                    () -> groupsUnguarded().stream().filter(f -> f.id().equals(firewallId))
                            .flatMap(f -> f.rules().stream()).filter(existing -> sameRule(existing, r))
                            .findFirst().map(existing -> true));
        }
        return get(firewallId);
    }

    private static boolean sameRule(FirewallRule existing, JsonObject wanted) {
        String cidr = text(wanted, "remote_ip_prefix");
        String group = text(wanted, "remote_group_id");
        return existing.protocol().equals(text(wanted, "protocol"))
                && existing.fromPort() == wanted.get("port_range_min").getAsInt()
                && existing.toPort() == wanted.get("port_range_max").getAsInt()
                && existing.sourceCidrs().equals(cidr == null ? List.of() : List.of(cidr))
                && existing.sourceGroups().equals(group == null ? List.of() : List.of(group));
    }

    private static JsonObject neutronRule(String groupId, String protocol, FirewallRuleSpec rule, String source,
                                          String value, String ethertype) {
        JsonObject r = new JsonObject();
        r.addProperty("security_group_id", groupId);
        r.addProperty("direction", "ingress");
        r.addProperty("ethertype", ethertype);
        r.addProperty("protocol", protocol);
        r.addProperty("port_range_min", rule.fromPort());
        r.addProperty("port_range_max", rule.toPort());
        r.addProperty(source, value);
        return r;
    }

    @Override
    public Firewall deleteRule(String firewallId, String ruleId) {
        Firewall firewall = get(firewallId);
        if (firewall.rules().stream().noneMatch(r -> r.id().equals(ruleId))) {
            throw new NotFoundException("firewall rule", ruleId);
        }
        rest.read("delete security group rule", "network", "DELETE", "/v2.0/security-group-rules/" + ruleId, null,
                OpenStackRest.about("firewall rule", ruleId), j -> null);
        return get(firewallId);
    }

    private static Firewall firewall(JsonObject g) {
        List<FirewallRule> rules = new ArrayList<>();
        if (g.has("security_group_rules")) {
            for (JsonElement e : g.getAsJsonArray("security_group_rules")) {
                JsonObject r = e.getAsJsonObject();
                if (!"ingress".equals(text(r, "direction"))) {
                    continue;
                }
                String protocol = text(r, "protocol");
                String cidr = text(r, "remote_ip_prefix");
                String group = text(r, "remote_group_id");
                rules.add(new FirewallRule(r.get("id").getAsString(), protocol == null ? "any" : protocol,
                        (int) OpenStackJson.number(r, "port_range_min", 0),
                        (int) OpenStackJson.number(r, "port_range_max", 65535),
                        cidr == null ? List.of() : List.of(cidr), group == null ? List.of() : List.of(group)));
            }
        }
        return new Firewall(g.get("id").getAsString(), g.get("name").getAsString(), text(g, "description"),
                text(g, "project_id"), rules);
    }
}
