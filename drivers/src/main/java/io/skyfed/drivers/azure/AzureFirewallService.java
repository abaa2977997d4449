package io.skyfed.drivers.azure;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.support.Cidr;
import io.skyfed.drivers.spi.Firewall;
import io.skyfed.drivers.spi.FirewallRule;
import io.skyfed.drivers.spi.FirewallRuleSpec;
import io.skyfed.drivers.spi.FirewallService;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Firewalls are network security groups of the resource group (Network "Network Security Groups"); their rules are
 * the groups' inbound Allow security rules. A rule is a child resource PUT under a fresh name with the lowest free
 * priority from 100 up in steps of 10, so adding a rule never rewrites the others. Azure rules name address
 * prefixes, not other groups, so source groups are refused. The description is kept in the tag {@code description}.
 */
final class AzureFirewallService implements FirewallService {

    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "icmp");
    private static final int FIRST_PRIORITY = 100;
    private static final int LAST_PRIORITY = 4096;
    private static final int PRIORITY_STEP = 10;

    private final AzureAccount account;

    AzureFirewallService(AzureAccount account) {
        this.account = account;
    }

    private String path(String name) {
        return AzureNetwork.path(account, "networkSecurityGroups", name);
    }

    @Override
    public List<Firewall> list() {
        return account.list("ListNetworkSecurityGroups", "firewall", path(null), AzureSession.NETWORK_API).stream()
                .map(this::firewall).sorted(Comparator.comparing(Firewall::id)).toList();
    }

    @Override
    public Firewall get(String id) {
        return firewall(read(id));
    }

    private JsonObject read(String id) {
        if (!AzureNames.isResourceName(id)) {
            throw new NotFoundException("firewall", id);
        }
        return AzureNetwork.get(account, "GetNetworkSecurityGroup", "firewall", id, path(id));
    }

    /** Refused when the name is taken: a PUT would otherwise silently rewrite the existing group. */
    @Override
    public Firewall create(String name, String description) {
        if (name == null || !AzureNames.isResourceName(name)) {
            throw new InvalidArgumentException("name", "'" + name + "' is not a firewall name (letters, digits, - . _)");
        }
        try {
            read(name);
            throw new InvalidArgumentException("name", "a firewall named '" + name + "' already exists");
        } catch (NotFoundException free) {
            // the name is free
        }
        JsonObject body = new JsonObject();
        body.addProperty("location", account.settings.location());
        JsonObject tags = new JsonObject();
        tags.addProperty("description", description == null ? "" : description);
        body.add("tags", tags);
        JsonObject properties = new JsonObject();
        properties.add("securityRules", new JsonArray());
        body.add("properties", properties);
        return firewall(AzureNetwork.put(account, "CreateOrUpdateNetworkSecurityGroup", "firewall", path(name), body));
    }

    @Override
    public void delete(String id) {
        JsonObject group = read(id);
        JsonObject p = group.getAsJsonObject("properties");
        if (used(p, "networkInterfaces") || used(p, "subnets")) {
            throw new InvalidStateException("firewall " + id + " is in use by network interfaces or subnets");
        }
        AzureNetwork.delete(account, "DeleteNetworkSecurityGroup", "firewall", id, path(id));
    }

    private static boolean used(JsonObject properties, String field) {
        return properties != null && properties.has(field) && properties.get(field).isJsonArray()
                && !properties.getAsJsonArray(field).isEmpty();
    }

    @Override
    public Firewall addRule(String firewallId, FirewallRuleSpec rule) {
        rule.requireIngress("Azure");
        String protocol = rule.protocol() == null ? "" : rule.protocol().toLowerCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw new InvalidArgumentException("protocol", "a rule's protocol is tcp, udp or icmp, not "
                    + rule.protocol());
        }
        if (!protocol.equals("icmp") && (rule.fromPort() < 0 || rule.toPort() > 65535
                || rule.fromPort() > rule.toPort())) {
            throw new InvalidArgumentException("port_from", "ports " + rule.fromPort() + ".." + rule.toPort()
                    + " are not a range within 0..65535");
        }
        for (String prefix : rule.sourceCidrs()) {
            if (!Cidr.valid(prefix)) {
                throw new InvalidArgumentException("ip_address", prefix + " is not an IPv4 or IPv6 CIDR");
            }
        }
        if (!rule.sourceGroups().isEmpty()) {
            throw new InvalidArgumentException("group", "Azure security rules take address prefixes, not other "
                    + "network security groups, as sources");
        }
        JsonObject group = read(firewallId);
        String name = AzureNames.generated("rule");
        JsonObject body = new JsonObject();
        JsonObject p = new JsonObject();
        p.addProperty("protocol", protocol.substring(0, 1).toUpperCase(Locale.ROOT) + protocol.substring(1));
        p.addProperty("sourcePortRange", "*");
        // ICMP rules have no ports in Azure
        p.addProperty("destinationPortRange", protocol.equals("icmp") ? "*"
                : rule.fromPort() == rule.toPort() ? String.valueOf(rule.fromPort())
                : rule.fromPort() + "-" + rule.toPort());
        if (rule.sourceCidrs().isEmpty()) {
            p.addProperty("sourceAddressPrefix", "*");
        } else {
            JsonArray prefixes = new JsonArray();
            rule.sourceCidrs().forEach(prefixes::add);
            p.add("sourceAddressPrefixes", prefixes);
        }
        p.addProperty("destinationAddressPrefix", "*");
        p.addProperty("access", "Allow");
        p.addProperty("direction", "Inbound");
        p.addProperty("priority", freePriority(group));
        body.add("properties", p);
        AzureNetwork.put(account, "CreateOrUpdateSecurityRule", "firewall rule",
                path(firewallId) + "/securityRules/" + name, body);
        return get(firewallId);
    }

    private static int freePriority(JsonObject group) {
        Set<Integer> taken = new HashSet<>();
        for (JsonObject r : rules(group)) {
            JsonObject p = r.getAsJsonObject("properties");
            if ("Inbound".equalsIgnoreCase(AzureVolumeService.text(p, "direction")) && p.has("priority")) {
                taken.add(p.get("priority").getAsInt());
            }
        }
        for (int priority = FIRST_PRIORITY; priority <= LAST_PRIORITY; priority += PRIORITY_STEP) {
            if (!taken.contains(priority)) {
                return priority;
            }
        }
        throw new InvalidStateException("the firewall has no free rule priority left");
    }

    @Override
    public Firewall deleteRule(String firewallId, String ruleId) {
        Firewall firewall = get(firewallId);
        if (firewall.rules().stream().noneMatch(r -> r.id().equals(ruleId))) {
            throw new NotFoundException("firewall rule", ruleId);
        }
        AzureNetwork.delete(account, "DeleteSecurityRule", "firewall rule", ruleId,
                path(firewallId) + "/securityRules/" + ruleId);
        return get(firewallId);
    }

    private static List<JsonObject> rules(JsonObject group) {
        JsonObject p = group.getAsJsonObject("properties");
        List<JsonObject> rules = new ArrayList<>();
        if (p != null && p.has("securityRules") && p.get("securityRules").isJsonArray()) {
            for (JsonElement e : p.getAsJsonArray("securityRules")) {
                rules.add(e.getAsJsonObject());
            }
        }
        return rules;
    }

    private Firewall firewall(JsonObject group) {
        List<FirewallRule> rules = new ArrayList<>();
        for (JsonObject r : rules(group)) {
            JsonObject p = r.getAsJsonObject("properties");
            if (!"Inbound".equalsIgnoreCase(AzureVolumeService.text(p, "direction"))
                    || !"Allow".equalsIgnoreCase(AzureVolumeService.text(p, "access"))) {
                continue;
            }
            String protocol = AzureVolumeService.text(p, "protocol");
            protocol = protocol == null || protocol.equals("*") ? "any" : protocol.toLowerCase(Locale.ROOT);
            int[] ports = ports(AzureVolumeService.text(p, "destinationPortRange"));
            rules.add(new FirewallRule(r.get("name").getAsString(), protocol, ports[0], ports[1], sources(p),
                    List.of()));
        }
        return new Firewall(group.get("name").getAsString(), group.get("name").getAsString(),
                AzureVolumeService.text(group.getAsJsonObject("tags"), "description"), account.settings.subscriptionId(),
                rules);
    }

    private static int[] ports(String range) {
        if (range == null || range.equals("*")) {
            return new int[] {0, 65535};
        }
        String[] bounds = range.split("-", 2);
        int from = Integer.parseInt(bounds[0].trim());
        return new int[] {from, bounds.length > 1 ? Integer.parseInt(bounds[1].trim()) : from};
    }

    /** Address sources; Azure's "*" (anywhere) is shown as 0.0.0.0/0, as other clouds say it. */
    private static List<String> sources(JsonObject p) {
        List<String> sources = new ArrayList<>();
        if (p.has("sourceAddressPrefixes") && p.get("sourceAddressPrefixes").isJsonArray()) {
            p.getAsJsonArray("sourceAddressPrefixes").forEach(e -> sources.add(e.getAsString()));
        }
        String single = AzureVolumeService.text(p, "sourceAddressPrefix");
        if (single != null && !single.isEmpty()) {
            sources.add(single.equals("*") ? "0.0.0.0/0" : single);
        }
        return sources;
    }
}
