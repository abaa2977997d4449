package io.skyfed.drivers.ec2;

import io.skyfed.drivers.spi.Firewall;
import io.skyfed.drivers.spi.FirewallDirection;
import io.skyfed.drivers.spi.FirewallRule;
import io.skyfed.drivers.spi.FirewallRuleSpec;
import io.skyfed.drivers.spi.FirewallService;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.support.Cidr;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.w3c.dom.Element;

/**
 * EC2 security groups as firewalls, spoken natively through the Query API (jclouds' security group calls predate
 * VPCs and tags). EC2 keeps one permission per direction, protocol and port range holding all its peers, so that
 * permission is one rule, with id {@code protocol-from-to} (e.g. {@code tcp-22-22}) for ingress and
 * {@code egress-protocol-from-to} for egress (a new VPC group has {@code egress-all-0-65535}, to 0.0.0.0/0); a rule
 * added for a range the firewall already has joins that rule. For icmp, from and to are the ICMP type and code (-1:
 * all).
 */
final class Ec2FirewallService implements FirewallService {

    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "icmp");
    private static final String ID = "sg-[0-9a-f]{8,17}";

    private final Ec2Account account;

    Ec2FirewallService(Ec2Account account) {
        this.account = account;
    }

    @Override
    public List<Firewall> list() {
        return describe(Map.of()).stream().sorted(Comparator.comparing(Firewall::id)).toList();
    }

    @Override
    public Firewall get(String id) {
        if (id == null || !id.matches(ID)) {
            throw new NotFoundException("firewall", id);
        }
        return describe(Map.of("GroupId.1", id)).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("firewall", id));
    }

    /** Throws an {@link InvalidArgumentException} for {@code parameter} unless every firewall exists. */
    void requireAll(String parameter, List<String> ids) {
        for (String id : ids) {
            try {
                get(id);
            } catch (NotFoundException e) {
                throw new InvalidArgumentException(parameter, "firewall '" + id + "' does not exist");
            }
        }
    }

    private List<Firewall> describe(Map<String, String> parameters) {
        return account.read("DescribeSecurityGroups", "firewall", parameters.get("GroupId.1"),
                () -> describeUnguarded(parameters));
    }

    /** For look-ups made inside a guarded attempt. */
    private List<Firewall> describeUnguarded(Map<String, String> parameters) {
        return Ec2Xml.items(account.query().call("DescribeSecurityGroups", parameters), "securityGroupInfo")
                .stream().map(Ec2FirewallService::firewall).toList();
    }

    private Optional<Boolean> firewallHas(String id, Predicate<Firewall> condition) {
        return describeUnguarded(Map.of("GroupId.1", id)).stream().findFirst().filter(condition).map(f -> true);
    }

    private static Firewall firewall(Element group) {
        String id = Ec2Xml.text(group, "groupId");
        List<FirewallRule> rules = new ArrayList<>();
        rules(group, "ipPermissions", FirewallDirection.INGRESS, rules);
        rules(group, "ipPermissionsEgress", FirewallDirection.EGRESS, rules);
        return new Firewall(id, Ec2Xml.text(group, "groupName"), Ec2Xml.text(group, "groupDescription"),
                Ec2Xml.text(group, "ownerId"), rules);
    }

    private static void rules(Element group, String set, FirewallDirection direction, List<FirewallRule> rules) {
        for (Element permission : Ec2Xml.items(group, set)) {
            String protocol = protocolName(Ec2Xml.text(permission, "ipProtocol"));
            int from = port(Ec2Xml.text(permission, "fromPort"), protocol.equals("all") ? 0 : -1);
            int to = port(Ec2Xml.text(permission, "toPort"), protocol.equals("all") ? 65535 : -1);
            List<String> cidrs = new ArrayList<>();
            Ec2Xml.items(permission, "ipRanges").forEach(r -> cidrs.add(Ec2Xml.text(r, "cidrIp")));
            Ec2Xml.items(permission, "ipv6Ranges").forEach(r -> cidrs.add(Ec2Xml.text(r, "cidrIpv6")));
            List<String> groups = Ec2Xml.items(permission, "groups").stream().map(g -> Ec2Xml.text(g, "groupId"))
                    .toList();
            rules.add(new FirewallRule(ruleId(direction, protocol, from, to), protocol, from, to, cidrs, groups,
                    direction));
        }
    }

    /** EC2 writes "-1" for all protocols and may answer with protocol numbers. */
    private static String protocolName(String raw) {
        return switch (raw == null ? "-1" : raw) {
            case "-1" -> "all";
            case "6" -> "tcp";
            case "17" -> "udp";
            case "1" -> "icmp";
            default -> raw.toLowerCase(Locale.ROOT);
        };
    }

    private static int port(String text, int missing) {
        return text == null ? missing : Integer.parseInt(text);
    }

    private static String ruleId(FirewallDirection direction, String protocol, int from, int to) {
        return (direction == FirewallDirection.EGRESS ? "egress-" : "") + protocol + "-" + from + "-" + to;
    }

    /** The Query API action for a direction: AuthorizeSecurityGroupIngress, RevokeSecurityGroupEgress, ... */
    private static String action(String verb, FirewallDirection direction) {
        return verb + "SecurityGroup" + (direction == FirewallDirection.EGRESS ? "Egress" : "Ingress");
    }

    @Override
    public Firewall create(String name, String description) {
        if (name == null || !name.matches("[\\x20-\\x7e]{1,255}") || name.startsWith("sg-")) {
            throw new InvalidArgumentException("name", "a firewall name is 1 to 255 printable ASCII characters, "
                    + "not starting with sg-");
        }
        String text = description == null || description.isBlank() ? name : description;
        if (!text.matches("[\\x20-\\x7e]{1,255}")) {
            throw new InvalidArgumentException("description", "a firewall description is 1 to 255 printable ASCII "
                    + "characters");
        }
        if (!describe(Map.of("Filter.1.Name", "group-name", "Filter.1.Value.1", name)).isEmpty()) {
            throw new InvalidArgumentException("name", "a firewall named '" + name + "' exists");
        }
        Map<String, String> request = new LinkedHashMap<>();
        request.put("GroupName", name);
        request.put("GroupDescription", text);
        account.settings.vpcId().ifPresent(vpc -> request.put("VpcId", vpc));
        // CreateSecurityGroup takes no ClientToken: the request token tag is what a retry looks for first.
        String token = UUID.randomUUID().toString();
        request.putAll(Ec2RequestToken.tagSpecification("security-group", token));
        String id = account.lookUpBeforeRetry("CreateSecurityGroup", "firewall",
                () -> describeUnguarded(Ec2RequestToken.filter(token)).stream().findFirst().map(Firewall::id),
                () -> Ec2Xml.text(account.query().call("CreateSecurityGroup", request), "groupId"));
        return get(id);
    }

    @Override
    public void delete(String id) {
        get(id);
        try {
            account.read("DeleteSecurityGroup", "firewall", id,
                    () -> account.query().call("DeleteSecurityGroup", Map.of("GroupId", id)));
        } catch (NotFoundException gone) {
            // A retry after a lost answer finds the group deleted by the first attempt.
        }
    }

    @Override
    public Firewall addRule(String firewallId, FirewallRuleSpec rule) {
        String protocol = rule.protocol() == null ? "" : rule.protocol().toLowerCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw new InvalidArgumentException("protocol", "a rule's protocol is tcp, udp or icmp, not "
                    + rule.protocol());
        }
        boolean icmp = protocol.equals("icmp");
        if (icmp ? rule.fromPort() < -1 || rule.fromPort() > 255 || rule.toPort() < -1 || rule.toPort() > 255
                : rule.fromPort() < 0 || rule.toPort() > 65535 || rule.fromPort() > rule.toPort()) {
            throw new InvalidArgumentException("port_from", icmp
                    ? "icmp rules take an ICMP type and code, each -1 (all) to 255"
                    : "ports " + rule.fromPort() + ".." + rule.toPort() + " are not a range within 0..65535");
        }
        for (String cidr : rule.sourceCidrs()) {
            if (!Cidr.valid(cidr)) {
                throw new InvalidArgumentException("ip_address", cidr + " is not an IPv4 or IPv6 CIDR");
            }
        }
        get(firewallId);
        requireAll("group", rule.sourceGroups());
        List<String> cidrs = rule.sourceCidrs().isEmpty() && rule.sourceGroups().isEmpty()
                ? List.of("0.0.0.0/0") : rule.sourceCidrs();
        Map<String, String> request = permission(firewallId, protocol, rule.fromPort(), rule.toPort(), cidrs,
                rule.sourceGroups());
        // Authorizing a permission twice fails as a duplicate: a retry first checks whether the first attempt held.
        FirewallRule wanted = new FirewallRule(ruleId(rule.direction(), protocol, rule.fromPort(), rule.toPort()),
                protocol, rule.fromPort(), rule.toPort(), cidrs, rule.sourceGroups(), rule.direction());
        String action = action("Authorize", rule.direction());
        account.lookUpBeforeRetry(action, "firewall", () -> firewallHas(firewallId, f -> holds(f, wanted)),
                () -> account.query().call(action, request) != null);
        return get(firewallId);
    }

    private static boolean holds(Firewall firewall, FirewallRule wanted) {
        return firewall.rules().stream().anyMatch(r -> r.id().equals(wanted.id())
                && r.sourceCidrs().containsAll(wanted.sourceCidrs())
                && r.sourceGroups().containsAll(wanted.sourceGroups()));
    }

    @Override
    public Firewall deleteRule(String firewallId, String ruleId) {
        FirewallRule rule = get(firewallId).rules().stream().filter(r -> r.id().equals(ruleId)).findFirst()
                .orElseThrow(() -> new NotFoundException("firewall rule", ruleId));
        Map<String, String> request = permission(firewallId, rule.protocol().equals("all") ? "-1" : rule.protocol(),
                rule.fromPort(), rule.toPort(), rule.sourceCidrs(), rule.sourceGroups());
        String action = action("Revoke", rule.direction());
        account.lookUpBeforeRetry(action, "firewall",
                () -> firewallHas(firewallId, f -> f.rules().stream().noneMatch(r -> r.id().equals(ruleId))),
                () -> account.query().call(action, request) != null);
        return get(firewallId);
    }

    /** One IpPermission of the Query API: the rule's protocol and ports with all of its sources. */
    private static Map<String, String> permission(String groupId, String protocol, int from, int to,
                                                  List<String> cidrs, List<String> groups) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("GroupId", groupId);
        request.put("IpPermissions.1.IpProtocol", protocol);
        if (!protocol.equals("-1")) {
            request.put("IpPermissions.1.FromPort", Integer.toString(from));
            request.put("IpPermissions.1.ToPort", Integer.toString(to));
        }
        int v4 = 0;
        int v6 = 0;
        for (String cidr : cidrs) {
            if (cidr.contains(":")) {
                request.put("IpPermissions.1.Ipv6Ranges." + ++v6 + ".CidrIpv6", cidr);
            } else {
                request.put("IpPermissions.1.IpRanges." + ++v4 + ".CidrIp", cidr);
            }
        }
        for (int n = 0; n < groups.size(); n++) {
            request.put("IpPermissions.1.Groups." + (n + 1) + ".GroupId", groups.get(n));
        }
        return request;
    }
}
