package io.skyfed.drivers.google;

import static io.skyfed.drivers.google.GoogleJson.objects;
import static io.skyfed.drivers.google.GoogleJson.text;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.Firewall;
import io.skyfed.drivers.spi.FirewallRule;
import io.skyfed.drivers.spi.FirewallRuleSpec;
import io.skyfed.drivers.spi.FirewallService;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Deltacloud firewalls as GCE does firewalls: by network tag. A firewall {@code web} is the tag {@code web}, held
 * by a GCE firewall resource named {@code web} that denies all ingress at the lowest priority (65535) to instances
 * tagged {@code web} (what GCE's implied rule does anyway, so it changes nothing) and carries the description; each
 * rule is a GCE firewall {@code web-<rule>} allowing one protocol and port range to the tag, from address ranges
 * ({@code sourceRanges}) and/or other firewalls' instances ({@code sourceTags}). Instances join a firewall by
 * carrying its tag. Read and written natively: jclouds' {@code Firewall} has no {@code denied}, {@code priority}
 * or {@code direction}.
 */
final class GoogleFirewallService implements FirewallService {

    private static final int MARKER_PRIORITY = 65535;
    private static final int RULE_PRIORITY = 1000;
    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "icmp");

    private final GoogleAccount account;
    private final GoogleSession session;

    GoogleFirewallService(GoogleAccount account, GoogleSession session) {
        this.account = account;
        this.session = session;
    }

    @Override
    public List<Firewall> list() {
        List<JsonObject> all = session.pages("Firewalls:list", "firewall", account.settings.resource(
                "global/firewalls"));
        return all.stream().filter(GoogleFirewallService::isMarker).map(m -> firewall(m, all))
                .sorted(Comparator.comparing(Firewall::id)).toList();
    }

    @Override
    public Firewall get(String id) {
        return list().stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("firewall", id));
    }

    @Override
    public Firewall create(String name, String description) {
        if (name == null || !name.matches("[a-z]([-a-z0-9]{0,50}[a-z0-9])?")) {
            throw new InvalidArgumentException("name", "a firewall name is 1 to 52 lower-case letters, digits and "
                    + "hyphens, starting with a letter (it is also the network tag)");
        }
        JsonObject marker = resource(name, name, description == null ? "" : description, MARKER_PRIORITY);
        JsonObject all = new JsonObject();
        all.addProperty("IPProtocol", "all");
        JsonArray denied = new JsonArray();
        denied.add(all);
        marker.add("denied", denied);
        JsonArray anywhere = new JsonArray();
        anywhere.add("0.0.0.0/0");
        marker.add("sourceRanges", anywhere);
        insert(name, marker);
        return get(name);
    }

    @Override
    public void delete(String id) {
        Firewall firewall = get(id);
        List<String> members = session.instances().stream().filter(i -> i.firewallIds().contains(id))
                .map(i -> i.id()).toList();
        if (!members.isEmpty()) {
            throw new InvalidStateException("firewall " + id + " still holds instances " + members);
        }
        for (FirewallRule rule : firewall.rules()) {
            remove(id + "-" + rule.id());
        }
        remove(id);
    }

    @Override
    public Firewall addRule(String firewallId, FirewallRuleSpec rule) {
        rule.requireIngress("Google Compute Engine");
        Firewall firewall = get(firewallId);
        String protocol = rule.protocol() == null ? "" : rule.protocol().toLowerCase(java.util.Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw new InvalidArgumentException("protocol", "protocol is one of " + PROTOCOLS);
        }
        if (rule.fromPort() < 0 || rule.toPort() > 65535 || rule.fromPort() > rule.toPort()) {
            throw new InvalidArgumentException("port_from", "ports are 0 to 65535, from no higher than to");
        }
        if (rule.sourceCidrs().isEmpty() && rule.sourceGroups().isEmpty()) {
            throw new InvalidArgumentException("ip_addresses", "a rule needs source addresses or source groups");
        }
        for (String cidr : rule.sourceCidrs()) {
            if (!validCidr(cidr)) {
                throw new InvalidArgumentException("ip_addresses", "'" + cidr + "' is not an address range");
            }
        }
        List<String> known = list().stream().map(Firewall::id).toList();
        for (String group : rule.sourceGroups()) {
            if (!known.contains(group)) {
                throw new InvalidArgumentException("groups", "firewall '" + group + "' does not exist");
            }
        }
        String ruleId = "r" + HexFormat.of().toHexDigits(UUID.randomUUID().getMostSignificantBits()).substring(0, 8);
        JsonObject resource = resource(firewallId + "-" + ruleId, firewallId, "rule of " + firewallId,
                RULE_PRIORITY);
        JsonObject allowed = new JsonObject();
        allowed.addProperty("IPProtocol", protocol);
        if (!protocol.equals("icmp")) {
            JsonArray ports = new JsonArray();
            ports.add(rule.fromPort() == rule.toPort() ? Integer.toString(rule.fromPort())
                    : rule.fromPort() + "-" + rule.toPort());
            allowed.add("ports", ports);
        }
        JsonArray allowedList = new JsonArray();
        allowedList.add(allowed);
        resource.add("allowed", allowedList);
        if (!rule.sourceCidrs().isEmpty()) {
            JsonArray ranges = new JsonArray();
            rule.sourceCidrs().forEach(ranges::add);
            resource.add("sourceRanges", ranges);
        }
        if (!rule.sourceGroups().isEmpty()) {
            JsonArray tags = new JsonArray();
            rule.sourceGroups().forEach(tags::add);
            resource.add("sourceTags", tags);
        }
        insert(firewall.id() + "-" + ruleId, resource);
        return get(firewallId);
    }

    @Override
    public Firewall deleteRule(String firewallId, String ruleId) {
        Firewall firewall = get(firewallId);
        if (firewall.rules().stream().noneMatch(r -> r.id().equals(ruleId))) {
            throw new NotFoundException("firewall rule", ruleId);
        }
        remove(firewallId + "-" + ruleId);
        return get(firewallId);
    }

    private JsonObject resource(String name, String tag, String description, int priority) {
        JsonObject resource = new JsonObject();
        resource.addProperty("name", name);
        resource.addProperty("description", description);
        resource.addProperty("network", account.settings.networkUri().toString());
        resource.addProperty("direction", "INGRESS");
        resource.addProperty("priority", priority);
        JsonArray targets = new JsonArray();
        targets.add(tag);
        resource.add("targetTags", targets);
        return resource;
    }

    /** firewalls.insert with a requestId, so a retry after a lost answer is the same insert. */
    private void insert(String name, JsonObject body) {
        URI insert = URI.create(account.settings.resource("global/firewalls") + "?requestId=" + UUID.randomUUID());
        account.create("Firewalls:insert", "firewall", name,
                () -> URI.create(text(account.rest.post(insert, body), "selfLink")), () -> null);
    }

    private void remove(String name) {
        account.act("Firewalls:delete", "firewall", name, () -> URI.create(text(account.rest.delete(
                account.settings.resource("global/firewalls/" + name)), "selfLink")));
    }

    /** The lowest-priority deny-all resource whose only target tag is its own name. */
    private static boolean isMarker(JsonObject f) {
        List<String> targets = strings(f, "targetTags");
        return targets.equals(List.of(text(f, "name"))) && GoogleJson.number(f, "priority", 1000) == MARKER_PRIORITY
                && !objects(f, "denied").isEmpty();
    }

    private static Firewall firewall(JsonObject marker, List<JsonObject> all) {
        String name = text(marker, "name");
        List<FirewallRule> rules = new ArrayList<>();
        for (JsonObject f : all) {
            String resource = text(f, "name");
            if (resource.startsWith(name + "-r") && strings(f, "targetTags").equals(List.of(name))
                    && !objects(f, "allowed").isEmpty()) {
                rules.add(rule(resource.substring(name.length() + 1), f));
            }
        }
        return new Firewall(name, name, text(marker, "description"), null, rules);
    }

    private static FirewallRule rule(String id, JsonObject f) {
        JsonObject allowed = objects(f, "allowed").get(0);
        List<String> ports = strings(allowed, "ports");
        int from = 0;
        int to = 65535;
        if (!ports.isEmpty()) {
            String[] range = ports.get(0).split("-");
            from = Integer.parseInt(range[0]);
            to = Integer.parseInt(range[range.length - 1]);
        }
        return new FirewallRule(id, text(allowed, "IPProtocol"), from, to, strings(f, "sourceRanges"),
                strings(f, "sourceTags"));
    }

    private static List<String> strings(JsonObject json, String field) {
        List<String> values = new ArrayList<>();
        if (json.has(field) && json.get(field).isJsonArray()) {
            json.getAsJsonArray(field).forEach(v -> values.add(v.getAsString()));
        }
        return values;
    }

    private static boolean validCidr(String cidr) {
        String[] parts = cidr.split("/");
        if (parts.length != 2 || !parts[1].matches("\\d{1,3}")) {
            return false;
        }
        int bits = Integer.parseInt(parts[1]);
        String[] octets = parts[0].split("\\.");
        if (octets.length != 4 || bits > 32) {
            return false;
        }
        for (String octet : octets) {
            if (!octet.matches("\\d{1,3}") || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }
}
