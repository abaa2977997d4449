package io.skyfed.drivers.ec2;

import static io.skyfed.drivers.ec2.Ec2Fake.esc;
import static io.skyfed.drivers.ec2.Ec2Fake.first;
import static io.skyfed.drivers.ec2.Ec2Fake.indexed;

import io.skyfed.drivers.ec2.Ec2Fake.Ec2Error;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Security groups and Elastic IPs of the EC2 fake, as the EC2 API reference documents them for a VPC account:
 * CreateSecurityGroup, DescribeSecurityGroups, AuthorizeSecurityGroupIngress, RevokeSecurityGroupIngress,
 * AuthorizeSecurityGroupEgress, RevokeSecurityGroupEgress (a new group allows all egress to 0.0.0.0/0),
 * DeleteSecurityGroup, AllocateAddress, DescribeAddresses, AssociateAddress, DisassociateAddress, ReleaseAddress,
 * with their error codes (InvalidGroup.Duplicate, InvalidPermission.Duplicate, DependencyViolation,
 * Resource.AlreadyAssociated, InvalidIPAddress.InUse, the *.NotFound codes) and tags on create.
 */
final class Ec2NetworkFake {

    static final String DEFAULT_GROUP = "sg-0123456789abcdef0";
    private static final String VPC = "vpc-0a1b2c3d4e5f60001";

    /** One IpPermission: a protocol and port range with its sources. */
    static final class Permission {
        final String protocol;
        final String from;
        final String to;
        final Set<String> cidrs = new LinkedHashSet<>();
        final Set<String> cidrs6 = new LinkedHashSet<>();
        final Set<String> groups = new LinkedHashSet<>();

        Permission(String protocol, String from, String to) {
            this.protocol = protocol;
            this.from = from;
            this.to = to;
        }

        boolean sameRange(Permission other) {
            return protocol.equals(other.protocol) && String.valueOf(from).equals(String.valueOf(other.from))
                    && String.valueOf(to).equals(String.valueOf(other.to));
        }

        boolean empty() {
            return cidrs.isEmpty() && cidrs6.isEmpty() && groups.isEmpty();
        }
    }

    record Group(String id, String name, String description, Map<String, String> tags, List<Permission> ingress,
                 List<Permission> egress) {

        Group(String id, String name, String description, Map<String, String> tags, List<Permission> ingress) {
            this(id, name, description, tags, ingress, new ArrayList<>(List.of(allTrafficOut())));
        }

        List<Permission> permissions(boolean egress) {
            return egress ? egress() : ingress();
        }
    }

    private static Permission allTrafficOut() {
        Permission all = new Permission("-1", null, null);
        all.cidrs.add("0.0.0.0/0");
        return all;
    }

    static final class Eip {
        final String allocationId;
        final String publicIp;
        final Map<String, String> tags;
        String instanceId;
        String associationId;

        Eip(String allocationId, String publicIp, Map<String, String> tags) {
            this.allocationId = allocationId;
            this.publicIp = publicIp;
            this.tags = tags;
        }
    }

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, Eip> addresses = new LinkedHashMap<>();
    private final Supplier<String> ids;
    private final Predicate<String> instanceExists;
    private final Predicate<String> groupInUse;
    private int allocations;

    /**
     * @param ids          new hex id suffixes, shared with the rest of the fake
     * @param instanceExists whether an instance id is known
     * @param groupInUse   whether an instance that is not terminated is in the group
     */
    Ec2NetworkFake(Supplier<String> ids, Predicate<String> instanceExists, Predicate<String> groupInUse) {
        this.ids = ids;
        this.instanceExists = instanceExists;
        this.groupInUse = groupInUse;
        Permission self = new Permission("-1", null, null);
        self.groups.add(DEFAULT_GROUP);
        groups.put(DEFAULT_GROUP, new Group(DEFAULT_GROUP, "default", "default VPC security group", Map.of(),
                new ArrayList<>(List.of(self))));
    }

    /** The answer's content for a network action, or null when the action is not one. */
    String handle(String action, Map<String, List<String>> form) {
        return switch (action) {
            case "DescribeSecurityGroups" -> describeGroups(form);
            case "CreateSecurityGroup" -> createGroup(form);
            case "DeleteSecurityGroup" -> deleteGroup(form);
            case "AuthorizeSecurityGroupIngress" -> authorize(form, false);
            case "RevokeSecurityGroupIngress" -> revoke(form, false);
            case "AuthorizeSecurityGroupEgress" -> authorize(form, true);
            case "RevokeSecurityGroupEgress" -> revoke(form, true);
            case "DescribeAddresses" -> describeAddresses(form);
            case "AllocateAddress" -> allocate(form);
            case "AssociateAddress" -> associate(form);
            case "DisassociateAddress" -> disassociate(form);
            case "ReleaseAddress" -> release(form);
            default -> null;
        };
    }

    /** Refuses an unknown group as RunInstances does. */
    void requireGroup(String id) {
        group(id);
    }

    long groupsNamed(String name) {
        return groups.values().stream().filter(g -> g.name().equals(name)).count();
    }

    int addressCount() {
        return addresses.size();
    }

    private Group group(String id) {
        Group g = groups.get(id);
        if (g == null) {
            throw new Ec2Error(400, "InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
        }
        return g;
    }

    private String describeGroups(Map<String, List<String>> form) {
        List<String> wanted = indexed(form, "GroupId");
        wanted.forEach(this::group);
        Map<String, String> filters = filters(form);
        StringBuilder set = new StringBuilder("<securityGroupInfo>");
        groups.values().stream().filter(g -> wanted.isEmpty() || wanted.contains(g.id()))
                .filter(g -> filters.entrySet().stream().allMatch(f -> f.getKey().equals("group-name")
                        ? g.name().equals(f.getValue()) : f.getValue().equals(tag(g.tags(), f.getKey()))))
                .forEach(g -> set.append(groupXml(g)));
        return set.append("</securityGroupInfo>").toString();
    }

    private static String groupXml(Group g) {
        StringBuilder xml = new StringBuilder("<item><ownerId>").append(Ec2Fake.OWNER).append("</ownerId><groupId>")
                .append(g.id()).append("</groupId><groupName>").append(esc(g.name())).append("</groupName>")
                .append("<groupDescription>").append(esc(g.description())).append("</groupDescription><vpcId>")
                .append(VPC).append("</vpcId><ipPermissions>");
        permissionsXml(xml, g.ingress());
        xml.append("</ipPermissions><ipPermissionsEgress>");
        permissionsXml(xml, g.egress());
        return xml.append("</ipPermissionsEgress>").append(tagSet(g.tags())).append("</item>").toString();
    }

    private static void permissionsXml(StringBuilder xml, List<Permission> permissions) {
        for (Permission p : permissions) {
            xml.append("<item><ipProtocol>").append(p.protocol).append("</ipProtocol>");
            if (p.from != null) {
                xml.append("<fromPort>").append(p.from).append("</fromPort><toPort>").append(p.to).append("</toPort>");
            }
            xml.append("<groups>");
            p.groups.forEach(s -> xml.append("<item><userId>").append(Ec2Fake.OWNER).append("</userId><groupId>")
                    .append(s).append("</groupId></item>"));
            xml.append("</groups><ipRanges>");
            p.cidrs.forEach(c -> xml.append("<item><cidrIp>").append(c).append("</cidrIp></item>"));
            xml.append("</ipRanges><ipv6Ranges>");
            p.cidrs6.forEach(c -> xml.append("<item><cidrIpv6>").append(c).append("</cidrIpv6></item>"));
            xml.append("</ipv6Ranges><prefixListIds/></item>");
        }
    }

    private String createGroup(Map<String, List<String>> form) {
        String name = first(form, "GroupName");
        String description = first(form, "GroupDescription");
        if (name == null || description == null) {
            throw new Ec2Error(400, "MissingParameter", "The request must contain the parameter "
                    + (name == null ? "groupName" : "groupDescription"));
        }
        if (groupsNamed(name) > 0) {
            throw new Ec2Error(400, "InvalidGroup.Duplicate", "The security group '" + name
                    + "' already exists for VPC '" + VPC + "'");
        }
        Group g = new Group("sg-" + ids.get(), name, description, tags(form), new ArrayList<>());
        groups.put(g.id(), g);
        return "<return>true</return><groupId>" + g.id() + "</groupId>";
    }

    private String deleteGroup(Map<String, List<String>> form) {
        Group g = group(first(form, "GroupId"));
        boolean referenced = groups.values().stream().anyMatch(other -> other != g
                && Stream.concat(other.ingress().stream(), other.egress().stream())
                .anyMatch(p -> p.groups.contains(g.id())));
        if (g.name().equals("default") || groupInUse.test(g.id()) || referenced) {
            throw new Ec2Error(400, "DependencyViolation", "resource " + g.id() + " has a dependent object");
        }
        groups.remove(g.id());
        return "<return>true</return>";
    }

    private String authorize(Map<String, List<String>> form, boolean egress) {
        Group g = group(first(form, "GroupId"));
        Permission wanted = permission(form);
        Permission existing = g.permissions(egress).stream().filter(p -> p.sameRange(wanted)).findFirst().orElse(null);
        if (existing != null && (wanted.cidrs.stream().anyMatch(existing.cidrs::contains)
                || wanted.cidrs6.stream().anyMatch(existing.cidrs6::contains)
                || wanted.groups.stream().anyMatch(existing.groups::contains))) {
            throw new Ec2Error(400, "InvalidPermission.Duplicate", "the specified rule \"peer: " + wanted.cidrs
                    + ", " + wanted.protocol.toUpperCase() + ", from port: " + wanted.from + ", to port: " + wanted.to
                    + ", ALLOW\" already exists");
        }
        if (existing == null) {
            g.permissions(egress).add(wanted);
        } else {
            existing.cidrs.addAll(wanted.cidrs);
            existing.cidrs6.addAll(wanted.cidrs6);
            existing.groups.addAll(wanted.groups);
        }
        return "<return>true</return>";
    }

    private String revoke(Map<String, List<String>> form, boolean egress) {
        Group g = group(first(form, "GroupId"));
        Permission unwanted = permission(form);
        Permission existing = g.permissions(egress).stream().filter(p -> p.sameRange(unwanted)).findFirst().orElse(null);
        if (existing == null || !(existing.cidrs.containsAll(unwanted.cidrs)
                && existing.cidrs6.containsAll(unwanted.cidrs6) && existing.groups.containsAll(unwanted.groups))) {
            throw new Ec2Error(400, "InvalidPermission.NotFound", "The specified rule does not exist in this "
                    + "security group.");
        }
        existing.cidrs.removeAll(unwanted.cidrs);
        existing.cidrs6.removeAll(unwanted.cidrs6);
        existing.groups.removeAll(unwanted.groups);
        if (existing.empty()) {
            g.permissions(egress).remove(existing);
        }
        return "<return>true</return>";
    }

    private Permission permission(Map<String, List<String>> form) {
        String protocol = first(form, "IpPermissions.1.IpProtocol");
        if (protocol == null || form.containsKey("IpPermissions.2.IpProtocol")) {
            throw new Ec2Error(400, "InvalidParameterValue", "expected exactly one IpPermissions item");
        }
        Permission p = new Permission(protocol, first(form, "IpPermissions.1.FromPort"),
                first(form, "IpPermissions.1.ToPort"));
        for (int n = 1; form.containsKey("IpPermissions.1.IpRanges." + n + ".CidrIp"); n++) {
            p.cidrs.add(first(form, "IpPermissions.1.IpRanges." + n + ".CidrIp"));
        }
        for (int n = 1; form.containsKey("IpPermissions.1.Ipv6Ranges." + n + ".CidrIpv6"); n++) {
            p.cidrs6.add(first(form, "IpPermissions.1.Ipv6Ranges." + n + ".CidrIpv6"));
        }
        for (int n = 1; form.containsKey("IpPermissions.1.Groups." + n + ".GroupId"); n++) {
            p.groups.add(group(first(form, "IpPermissions.1.Groups." + n + ".GroupId")).id());
        }
        return p;
    }

    private Eip address(String allocationId) {
        Eip a = addresses.get(allocationId);
        if (a == null) {
            throw new Ec2Error(400, "InvalidAllocationID.NotFound", "The allocation ID '" + allocationId
                    + "' does not exist");
        }
        return a;
    }

    private String describeAddresses(Map<String, List<String>> form) {
        List<String> wanted = indexed(form, "AllocationId");
        wanted.forEach(this::address);
        Map<String, String> filters = filters(form);
        StringBuilder set = new StringBuilder("<addressesSet>");
        addresses.values().stream().filter(a -> wanted.isEmpty() || wanted.contains(a.allocationId))
                .filter(a -> filters.entrySet().stream().allMatch(f -> f.getValue().equals(tag(a.tags, f.getKey()))))
                .forEach(a -> set.append("<item><publicIp>").append(a.publicIp).append("</publicIp><allocationId>")
                        .append(a.allocationId).append("</allocationId><domain>vpc</domain>")
                        .append(a.instanceId == null ? "" : "<instanceId>" + a.instanceId + "</instanceId>"
                                + "<associationId>" + a.associationId + "</associationId><networkInterfaceOwnerId>"
                                + Ec2Fake.OWNER + "</networkInterfaceOwnerId>")
                        .append("<publicIpv4Pool>amazon</publicIpv4Pool><networkBorderGroup>").append(Ec2Fake.REGION)
                        .append("</networkBorderGroup>").append(tagSet(a.tags)).append("</item>"));
        return set.append("</addressesSet>").toString();
    }

    private String allocate(Map<String, List<String>> form) {
        if (!"vpc".equals(first(form, "Domain"))) {
            throw new Ec2Error(400, "InvalidParameterValue", "this account supports only VPC addresses (Domain=vpc)");
        }
        Eip a = new Eip("eipalloc-" + ids.get(), "198.51.100." + (++allocations % 250 + 1), tags(form));
        addresses.put(a.allocationId, a);
        return "<publicIp>" + a.publicIp + "</publicIp><domain>vpc</domain><allocationId>" + a.allocationId
                + "</allocationId>";
    }

    private String associate(Map<String, List<String>> form) {
        Eip a = address(first(form, "AllocationId"));
        String instance = first(form, "InstanceId");
        if (instance == null || !instanceExists.test(instance)) {
            throw new Ec2Error(400, "InvalidInstanceID.NotFound", "The instance ID '" + instance + "' does not exist");
        }
        if (a.instanceId != null && !"true".equals(first(form, "AllowReassociation"))) {
            throw new Ec2Error(400, "Resource.AlreadyAssociated", "resource " + a.allocationId
                    + " is already associated with associate-id " + a.associationId);
        }
        a.instanceId = instance;
        a.associationId = "eipassoc-" + ids.get();
        return "<return>true</return><associationId>" + a.associationId + "</associationId>";
    }

    private String disassociate(Map<String, List<String>> form) {
        String association = first(form, "AssociationId");
        Eip a = addresses.values().stream().filter(e -> association != null && association.equals(e.associationId))
                .findFirst().orElseThrow(() -> new Ec2Error(400, "InvalidAssociationID.NotFound",
                        "The association ID '" + association + "' does not exist"));
        a.instanceId = null;
        a.associationId = null;
        return "<return>true</return>";
    }

    private String release(Map<String, List<String>> form) {
        Eip a = address(first(form, "AllocationId"));
        if (a.associationId != null) {
            throw new Ec2Error(400, "InvalidIPAddress.InUse", "Address " + a.publicIp + " is in use.");
        }
        addresses.remove(a.allocationId);
        return "<return>true</return>";
    }

    /** Filter.N.Name / Filter.N.Value.1, the only shapes the driver sends (group-name, tag:KEY). */
    static Map<String, String> filters(Map<String, List<String>> form) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (int n = 1; form.containsKey("Filter." + n + ".Name"); n++) {
            filters.put(first(form, "Filter." + n + ".Name"), first(form, "Filter." + n + ".Value.1"));
        }
        return filters;
    }

    private static String tag(Map<String, String> tags, String filterName) {
        return filterName.startsWith("tag:") ? tags.get(filterName.substring(4)) : null;
    }

    /** Whether a resource with these tags passes the request's tag:KEY filters (other filters are not looked at). */
    static boolean tagFiltersMatch(Map<String, List<String>> form, Map<String, String> tags) {
        return filters(form).entrySet().stream().filter(f -> f.getKey().startsWith("tag:"))
                .allMatch(f -> f.getValue().equals(tag(tags, f.getKey())));
    }

    static Map<String, String> tags(Map<String, List<String>> form) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int n = 1; form.containsKey("TagSpecification.1.Tag." + n + ".Key"); n++) {
            tags.put(first(form, "TagSpecification.1.Tag." + n + ".Key"),
                    first(form, "TagSpecification.1.Tag." + n + ".Value"));
        }
        return tags;
    }

    static String tagSet(Map<String, String> tags) {
        StringBuilder xml = new StringBuilder("<tagSet>");
        tags.forEach((k, v) -> xml.append("<item><key>").append(esc(k)).append("</key><value>").append(esc(v))
                .append("</value></item>"));
        return xml.append("</tagSet>").toString();
    }
}
