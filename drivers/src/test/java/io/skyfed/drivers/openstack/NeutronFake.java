package io.skyfed.drivers.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.skyfed.drivers.fakes.StatefulFake;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Neutron (Networking API v2.0) behind WireMock, stateful, with the JSON of the API reference: security groups and
 * their rules (a seeded "default" group), one external network, one port per Nova server (ports follow the Nova
 * fake's servers), and floating IPs allocated from the external network and associated with ports.
 */
public final class NeutronFake extends StatefulFake {

    public static final String NAME = "neutron-fake";
    static final String PREFIX = "/network/v2.0";
    static final String PUBLIC_NETWORK = "e3f2c1d0-9b8a-4c7d-8e6f-5a4b3c2d1e0f";
    static final String DEFAULT_GROUP = "5e9f8a7b-6c5d-4e3f-2a1b-0c9d8e7f6a5b";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<Map<String, List<String>>> servers;
    private final Map<String, ObjectNode> groups = new LinkedHashMap<>();
    private final Map<String, ObjectNode> floatingIps = new LinkedHashMap<>();
    private final AtomicInteger allocations = new AtomicInteger();
    private int nextAddress = 10;

    /** @param servers the Nova fake's servers with the security groups their ports are in */
    public NeutronFake(Supplier<Map<String, List<String>>> servers) {
        super(NAME);
        this.servers = servers;
        ObjectNode def = group(DEFAULT_GROUP, "default", "Default security group");
        ArrayNode rules = (ArrayNode) def.get("security_group_rules");
        rules.add(rule(def.path("id").asText(), "egress", null, null, null, null, null));
        rules.add(rule(def.path("id").asText(), "ingress", null, null, null, null, def.path("id").asText()));
        groups.put(def.path("id").asText(), def);
    }

    private boolean loseNextGroupCreateAnswer;

    /** The next security group create is carried out, but its answer is lost (the connection resets). */
    synchronized void loseNextGroupCreateAnswer() {
        loseNextGroupCreateAnswer = true;
    }

    synchronized long groupsNamed(String name) {
        return groups.values().stream().filter(g -> name.equals(g.path("name").asText())).count();
    }

    private boolean loseNextAllocationAnswer;

    /** The next floating IP allocation is carried out, but its answer is lost (the connection resets). */
    synchronized void loseNextAllocationAnswer() {
        loseNextAllocationAnswer = true;
    }

    /** How many floating IPs POST /floatingips really allocated. */
    int allocations() {
        return allocations.get();
    }

    static String portOf(String serverId) {
        return UUID.nameUUIDFromBytes(("port-" + serverId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        if (!NovaFake.TOKEN.equals(request.getHeader("X-Auth-Token"))) {
            return NovaFake.error(401, "unauthorized", "The request you have made requires authentication.");
        }
        URI uri = URI.create(request.getUrl());
        String path = uri.getPath();
        String query = uri.getQuery() == null ? "" : uri.getQuery();
        if (!path.startsWith(PREFIX + "/")) {
            return neutronError(404, "HTTPNotFound", "The resource could not be found.");
        }
        String[] p = path.substring(PREFIX.length() + 1).split("/");
        String method = request.getMethod().getName();
        try {
            return switch (p[0]) {
                case "security-groups" -> securityGroups(method, p, request);
                case "security-group-rules" -> securityGroupRules(method, p, request);
                case "networks" -> networks();
                case "ports" -> ports(query);
                case "floatingips" -> floatingIps(method, p, request);
                default -> neutronError(404, "HTTPNotFound", "The resource could not be found.");
            };
        } catch (Exception e) {
            return neutronError(400, "HTTPBadRequest", e.toString());
        }
    }

    private ResponseDefinition securityGroups(String method, String[] p, Request request) throws Exception {
        if (p.length == 1 && method.equals("POST")) {
            JsonNode spec = JSON.readTree(request.getBodyAsString()).path("security_group");
            ObjectNode g = group(NovaFake.newId(), spec.path("name").asText(), spec.path("description").asText(""));
            ArrayNode rules = (ArrayNode) g.get("security_group_rules");
            rules.add(rule(g.path("id").asText(), "egress", null, null, null, null, null));
            groups.put(g.path("id").asText(), g);
            if (loseNextGroupCreateAnswer) {
                loseNextGroupCreateAnswer = false;
                return ResponseDefinitionBuilder.responseDefinition()
                    .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER).build();
            }
            return wrap(201, "security_group", g);
        }
        if (p.length == 1) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode list = body.putArray("security_groups");
            groups.values().forEach(list::add);
            return NovaFake.json(200, body);
        }
        ObjectNode g = groups.get(p[1]);
        if (g == null) {
            return neutronError(404, "SecurityGroupNotFound", "Security group " + p[1] + " does not exist");
        }
        if (method.equals("DELETE")) {
            groups.remove(p[1]);
            return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
        }
        return wrap(200, "security_group", g);
    }

    private ResponseDefinition securityGroupRules(String method, String[] p, Request request) throws Exception {
        if (p.length == 1 && method.equals("POST")) {
            JsonNode spec = JSON.readTree(request.getBodyAsString()).path("security_group_rule");
            ObjectNode g = groups.get(spec.path("security_group_id").asText());
            if (g == null) {
                return neutronError(404, "SecurityGroupNotFound", "Security group "
                        + spec.path("security_group_id").asText() + " does not exist");
            }
            ObjectNode r = rule(g.path("id").asText(), spec.path("direction").asText(), text(spec, "protocol"),
                    spec.hasNonNull("port_range_min") ? spec.path("port_range_min").asInt() : null,
                    spec.hasNonNull("port_range_max") ? spec.path("port_range_max").asInt() : null,
                    text(spec, "remote_ip_prefix"), text(spec, "remote_group_id"));
            for (JsonNode existing : g.get("security_group_rules")) {
                ObjectNode other = ((ObjectNode) existing).deepCopy();
                other.put("id", r.path("id").asText());
                if (other.equals(r)) {
                    return neutronError(409, "SecurityGroupRuleExists", "Security group rule already exists. "
                            + "Rule id is " + existing.path("id").asText() + ".");
                }
            }
            ((ArrayNode) g.get("security_group_rules")).add(r);
            return wrap(201, "security_group_rule", r);
        }
        if (p.length == 2 && method.equals("DELETE")) {
            for (ObjectNode g : groups.values()) {
                ArrayNode rules = (ArrayNode) g.get("security_group_rules");
                for (int i = 0; i < rules.size(); i++) {
                    if (rules.get(i).path("id").asText().equals(p[1])) {
                        rules.remove(i);
                        return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
                    }
                }
            }
            return neutronError(404, "SecurityGroupRuleNotFound", "Security group rule " + p[1] + " does not exist");
        }
        return neutronError(405, "HTTPMethodNotAllowed", "not allowed");
    }

    private ResponseDefinition networks() {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode net = body.putArray("networks").addObject().put("id", PUBLIC_NETWORK).put("name", "public")
                .put("status", "ACTIVE").put("router:external", true).put("shared", false)
                .put("admin_state_up", true).put("project_id", "admin");
        net.putArray("subnets").add("aa1b2c3d-0000-4000-8000-000000000001");
        return NovaFake.json(200, body);
    }

    private ResponseDefinition ports(String query) {
        String device = null;
        for (String pair : query.split("&")) {
            if (pair.startsWith("device_id=")) {
                device = pair.substring("device_id=".length());
            }
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("ports");
        for (Map.Entry<String, List<String>> entry : servers.get().entrySet()) {
            String server = entry.getKey();
            if (device == null || device.equals(server)) {
                ObjectNode port = list.addObject();
                entry.getValue().forEach(port.putArray("security_groups")::add);
                port.put("id", portOf(server)).put("device_id", server)
                        .put("device_owner", "compute:nova").put("network_id", "bb1b2c3d-0000-4000-8000-000000000002")
                        .put("status", "ACTIVE").put("mac_address", "fa:16:3e:00:00:" + String.format("%02x",
                                server.hashCode() & 0xff));
            }
        }
        return NovaFake.json(200, body);
    }

    private ResponseDefinition floatingIps(String method, String[] p, Request request) throws Exception {
        if (p.length == 1 && method.equals("POST")) {
            JsonNode spec = JSON.readTree(request.getBodyAsString()).path("floatingip");
            if (!PUBLIC_NETWORK.equals(spec.path("floating_network_id").asText())) {
                return neutronError(404, "NetworkNotFound", "Network " + spec.path("floating_network_id").asText()
                        + " could not be found.");
            }
            ObjectNode ip = JSON.createObjectNode().put("id", NovaFake.newId())
                    .put("floating_ip_address", "203.0.113." + nextAddress++)
                    .put("floating_network_id", PUBLIC_NETWORK).put("status", "DOWN")
                    .put("project_id", NovaFake.PROJECT_ID).putNull("port_id").putNull("fixed_ip_address")
                    .putNull("router_id").put("description", spec.path("description").asText(""));
            floatingIps.put(ip.path("id").asText(), ip);
            allocations.incrementAndGet();
            if (loseNextAllocationAnswer) {
                loseNextAllocationAnswer = false;
                return ResponseDefinitionBuilder.responseDefinition()
                        .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER).build();
            }
            return wrap(201, "floatingip", ip);
        }
        if (p.length == 1) {
            // The one filter the driver sends: ?description= (Neutron filters on standard attributes).
            String description = request.queryParameter("description").isPresent()
                    ? request.queryParameter("description").firstValue() : null;
            ObjectNode body = JSON.createObjectNode();
            ArrayNode list = body.putArray("floatingips");
            floatingIps.values().stream().filter(f -> description == null
                    || description.equals(f.path("description").asText())).forEach(list::add);
            return NovaFake.json(200, body);
        }
        ObjectNode ip = floatingIps.get(p[1]);
        if (ip == null) {
            return neutronError(404, "FloatingIPNotFound", "Floating IP " + p[1] + " could not be found");
        }
        if (method.equals("DELETE")) {
            floatingIps.remove(p[1]);
            return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
        }
        if (method.equals("PUT")) {
            JsonNode port = JSON.readTree(request.getBodyAsString()).path("floatingip").path("port_id");
            if (port.isNull()) {
                ip.putNull("port_id").putNull("fixed_ip_address").put("status", "DOWN");
            } else {
                boolean known = servers.get().keySet().stream().anyMatch(s -> portOf(s).equals(port.asText()));
                if (!known) {
                    return neutronError(404, "PortNotFound", "Port " + port.asText() + " could not be found.");
                }
                ip.put("port_id", port.asText()).put("fixed_ip_address", "10.0.0.5").put("status", "ACTIVE");
            }
        }
        return wrap(200, "floatingip", ip);
    }

    private static ObjectNode group(String id, String name, String description) {
        ObjectNode g = JSON.createObjectNode().put("id", id).put("name", name).put("description", description)
                .put("project_id", NovaFake.PROJECT_ID).put("tenant_id", NovaFake.PROJECT_ID).put("stateful", true);
        g.putArray("security_group_rules");
        return g;
    }

    private static ObjectNode rule(String groupId, String direction, String protocol, Integer min, Integer max,
                                   String cidr, String remoteGroup) {
        ObjectNode r = JSON.createObjectNode().put("id", NovaFake.newId()).put("security_group_id", groupId)
                .put("direction", direction).put("ethertype", cidr != null && cidr.contains(":") ? "IPv6" : "IPv4")
                .put("protocol", protocol).put("remote_ip_prefix", cidr).put("remote_group_id", remoteGroup);
        if (min == null) {
            r.putNull("port_range_min");
        } else {
            r.put("port_range_min", min);
        }
        if (max == null) {
            r.putNull("port_range_max");
        } else {
            r.put("port_range_max", max);
        }
        return r;
    }

    private static String text(JsonNode node, String name) {
        return node.hasNonNull(name) ? node.path(name).asText() : null;
    }

    private static ResponseDefinition wrap(int status, String name, ObjectNode item) {
        ObjectNode body = JSON.createObjectNode();
        body.set(name, item.deepCopy());
        return NovaFake.json(status, body);
    }

    /** Neutron's error body: {"NeutronError": {"type", "message", "detail"}}. */
    static ResponseDefinition neutronError(int status, String type, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("NeutronError").put("type", type).put("message", message).put("detail", "");
        return NovaFake.json(status, body);
    }
}
