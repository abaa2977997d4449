package io.skyfed.drivers.vsphere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.skyfed.drivers.fakes.StatefulFake;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * vCenter's Automation REST API ({@code /api}, vSphere 7/8) behind WireMock, stateful, answering with the JSON of
 * the API reference: sessions (Basic login, {@code vmware-api-session-id}), datacenters, hosts, datastores,
 * resource pools, VMs with their power operations, content library items (find, get) and VM template deploys.
 * Errors carry the reference's {@code error_type} and {@code messages}.
 *
 * <p>The inventory is seeded from {@code src/test/resources/vsphere/}: {@code datacenters.json} holds each
 * datacenter's summary with, beside it, its info and the summaries of its hosts, datastores, resource pools and
 * VMs; {@code library-items.json} holds the library items, each vm-template with its template info.
 */
public final class VsphereFake extends StatefulFake {

    public static final String NAME = "vsphere-fake";
    static final String USER = "svc-skyfed@vsphere.local";
    static final String PASSWORD = "Tr0ub4dor&3";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A VM as vCenter keeps it; the summary is what the list answers. */
    private static final class Vm {
        final String id;
        final String name;
        final String datacenter;
        final String folder;
        String power;
        final long cpus;
        final long memoryMb;

        Vm(String id, String name, String datacenter, String folder, String power, long cpus, long memoryMb) {
            this.id = id;
            this.name = name;
            this.datacenter = datacenter;
            this.folder = folder;
            this.power = power;
            this.cpus = cpus;
            this.memoryMb = memoryMb;
        }

        ObjectNode summary() {
            return JSON.createObjectNode().put("vm", id).put("name", name).put("power_state", power)
                    .put("cpu_count", cpus).put("memory_size_MiB", memoryMb);
        }
    }

    private final Map<String, JsonNode> datacenters = new LinkedHashMap<>();
    private final Map<String, JsonNode> items = new LinkedHashMap<>();
    private final Map<String, Vm> vms = new LinkedHashMap<>();
    private final Set<String> sessions = new HashSet<>();
    private final AtomicInteger nextVm = new AtomicInteger(2000);
    private final AtomicInteger deploys = new AtomicInteger();
    private final AtomicInteger logins = new AtomicInteger();
    private boolean loseNextDeployAnswer;

    public VsphereFake() {
        super(NAME);
        for (JsonNode dc : seed("datacenters.json")) {
            String id = dc.path("datacenter").asText();
            datacenters.put(id, dc);
            for (JsonNode vm : dc.path("vms")) {
                vms.put(vm.path("vm").asText(), new Vm(vm.path("vm").asText(), vm.path("name").asText(), id,
                        dc.path("info").path("vm_folder").asText(), vm.path("power_state").asText(),
                        vm.path("cpu_count").asLong(), vm.path("memory_size_MiB").asLong()));
            }
        }
        for (JsonNode item : seed("library-items.json")) {
            items.put(item.path("id").asText(), item);
        }
    }

    private static JsonNode seed(String name) {
        try (InputStream in = VsphereFake.class.getResourceAsStream("/vsphere/" + name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next deploy is carried out, but its answer is lost (the connection resets). */
    public synchronized void loseNextDeployAnswer() {
        loseNextDeployAnswer = true;
    }

    /** vCenter forgets every session, as after its idle timeout or a restart. */
    public synchronized void expireSessions() {
        sessions.clear();
    }

    /** How many VMs deploys really made. */
    public int deploys() {
        return deploys.get();
    }

    /** How many logins vCenter accepted. */
    public int logins() {
        return logins.get();
    }

    /** The VMs of a given name, however many there are. */
    public synchronized long vmsNamed(String name) {
        return vms.values().stream().filter(v -> v.name.equals(name)).count();
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        String path = URI.create(request.getUrl()).getPath();
        String method = request.getMethod().getName();
        try {
            if (path.equals("/api/session") && method.equals("POST")) {
                return login(request.getHeader("Authorization"));
            }
            if (!sessions.contains(request.getHeader(VsphereAccount.SESSION_HEADER))) {
                return error(401, "UNAUTHENTICATED", "vapi.method.authentication.required",
                        "This method requires authentication.");
            }
            if (path.equals("/api/session") && method.equals("DELETE")) {
                sessions.remove(request.getHeader(VsphereAccount.SESSION_HEADER));
                return status(204);
            }
            if (path.startsWith("/api/vcenter/")) {
                return vcenter(method, path.substring("/api/vcenter/".length()).split("/"), request);
            }
            if (path.startsWith("/api/content/library/item")) {
                return libraryItems(method, path.substring("/api/content/library/item".length()), request);
            }
            return notFound("no such resource " + path);
        } catch (IOException | RuntimeException e) {
            return error(400, "INVALID_ARGUMENT", "vapi.bindings.typeconverter.invalid", e.toString());
        }
    }

    private ResponseDefinition login(String authorization) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(authorization)) {
            return error(401, "UNAUTHENTICATED", "com.vmware.vapi.endpoint.method.authentication.required",
                    "Authentication required.");
        }
        String session = UUID.randomUUID().toString().replace("-", "");
        sessions.add(session);
        logins.incrementAndGet();
        return json(201, TextNode.valueOf(session));
    }

    private ResponseDefinition vcenter(String method, String[] p, Request request) throws IOException {
        switch (p[0]) {
            case "datacenter" -> {
                if (p.length == 1) {
                    return json(200, list(datacenters.values(), dc -> true, VsphereFake::datacenterSummary));
                }
                JsonNode dc = datacenters.get(p[1]);
                return dc == null ? notFound("Datacenter with identifier '" + p[1] + "' does not exist.")
                        : json(200, dc.path("info"));
            }
            case "host" -> {
                return json(200, members("hosts", request, h -> matches(request, "connection_states",
                        h.path("connection_state").asText())));
            }
            case "datastore" -> {
                return json(200, members("datastores", request, d -> true));
            }
            case "resource-pool" -> {
                return json(200, members("resource_pools", request, r -> true));
            }
            case "vm" -> {
                return vm(method, p, request);
            }
            case "vm-template" -> {
                return template(method, p, request);
            }
            default -> {
                return notFound("no such resource " + String.join("/", p));
            }
        }
    }

    private static JsonNode datacenterSummary(JsonNode dc) {
        return JSON.createObjectNode().put("datacenter", dc.path("datacenter").asText())
                .put("name", dc.path("name").asText());
    }

    /** Hosts, datastores or resource pools of the datacenters the {@code datacenters} filter names (all if none). */
    private ArrayNode members(String kind, Request request, Predicate<JsonNode> filter) {
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode dc : datacenters.values()) {
            if (matches(request, "datacenters", dc.path("datacenter").asText())) {
                dc.path(kind).forEach(m -> {
                    if (filter.test(m)) {
                        out.add(m);
                    }
                });
            }
        }
        return out;
    }

    /** A filter query parameter lets a value through when it is absent or lists the value. */
    private static boolean matches(Request request, String filter, String value) {
        QueryParameter parameter = request.queryParameter(filter);
        return parameter == null || !parameter.isPresent() || parameter.values().contains(value);
    }

    private ResponseDefinition vm(String method, String[] p, Request request) {
        if (p.length == 1 && method.equals("GET")) {
            return json(200, list(vms.values(), v -> matches(request, "vms", v.id)
                    && matches(request, "names", v.name) && matches(request, "datacenters", v.datacenter)
                    && matches(request, "folders", v.folder) && matches(request, "power_states", v.power),
                    Vm::summary));
        }
        Vm vm = p.length > 1 ? vms.get(p[1]) : null;
        if (vm == null) {
            return notFound("Virtual machine with identifier '" + (p.length > 1 ? p[1] : "") + "' does not exist.");
        }
        if (p.length == 2 && method.equals("DELETE")) {
            if (vm.power.equals("POWERED_ON")) {
                return error(400, "NOT_ALLOWED_IN_CURRENT_STATE", "com.vmware.api.vcenter.vm.powered_on",
                        "Virtual machine is powered on.");
            }
            vms.remove(vm.id);
            return status(204);
        }
        if (p.length == 3 && p[2].equals("power") && method.equals("GET")) {
            return json(200, JSON.createObjectNode().put("state", vm.power));
        }
        if (p.length == 3 && p[2].equals("power") && method.equals("POST")) {
            String action = request.queryParameter("action").isPresent()
                    ? request.queryParameter("action").firstValue() : "";
            return switch (action) {
                case "start" -> power(vm, Set.of("POWERED_OFF", "SUSPENDED"), "POWERED_ON");
                case "stop" -> power(vm, Set.of("POWERED_ON", "SUSPENDED"), "POWERED_OFF");
                case "suspend" -> power(vm, Set.of("POWERED_ON"), "SUSPENDED");
                case "reset" -> vm.power.equals("POWERED_ON") ? status(204)
                        : error(400, "NOT_ALLOWED_IN_CURRENT_STATE", "vim.fault.InvalidPowerState",
                                "The attempted operation cannot be performed in the current state ("
                                        + vm.power + ").");
                default -> error(400, "INVALID_ARGUMENT", "vapi.method.input.invalid", "unknown action " + action);
            };
        }
        return notFound("no such resource");
    }

    private static ResponseDefinition power(Vm vm, Set<String> from, String to) {
        if (vm.power.equals(to)) {
            return error(400, "ALREADY_IN_DESIRED_STATE", "com.vmware.api.vcenter.vm.power.already_in_state",
                    "Virtual machine is already " + to + ".");
        }
        if (!from.contains(vm.power)) {
            return error(400, "NOT_ALLOWED_IN_CURRENT_STATE", "vim.fault.InvalidPowerState",
                    "The attempted operation cannot be performed in the current state (" + vm.power + ").");
        }
        vm.power = to;
        return status(204);
    }

    private ResponseDefinition template(String method, String[] p, Request request) throws IOException {
        if (p.length != 3 || !p[1].equals("library-items")) {
            return notFound("no such resource");
        }
        JsonNode item = items.get(p[2]);
        if (item == null || !item.path("type").asText().equals("vm-template")) {
            return notFound("Library item with identifier '" + p[2] + "' does not contain a VM template.");
        }
        if (method.equals("GET")) {
            return json(200, item.path("template"));
        }
        if (method.equals("POST") && request.queryParameter("action").isPresent()
                && request.queryParameter("action").firstValue().equals("deploy")) {
            return deploy(item, JSON.readTree(request.getBodyAsString()));
        }
        return error(400, "INVALID_ARGUMENT", "vapi.method.input.invalid", "unsupported request");
    }

    private ResponseDefinition deploy(JsonNode item, JsonNode spec) {
        String name = spec.path("name").asText();
        String folder = spec.path("placement").path("folder").asText();
        String pool = spec.path("placement").path("resource_pool").asText();
        JsonNode dc = datacenters.values().stream()
                .filter(d -> d.path("info").path("vm_folder").asText().equals(folder)).findFirst().orElse(null);
        if (dc == null) {
            return error(400, "INVALID_ARGUMENT", "com.vmware.vdcs.vmtx-main.invalid_folder",
                    "Folder '" + folder + "' is not a virtual machine folder.");
        }
        boolean poolInDc = false;
        for (JsonNode r : dc.path("resource_pools")) {
            poolInDc |= r.path("resource_pool").asText().equals(pool);
        }
        if (!poolInDc) {
            return error(400, "INVALID_ARGUMENT", "com.vmware.vdcs.vmtx-main.invalid_resource_pool",
                    "Resource pool '" + pool + "' is not in the datacenter of the folder.");
        }
        if (vms.values().stream().anyMatch(v -> v.folder.equals(folder) && v.name.equals(name))) {
            return error(400, "ALREADY_EXISTS", "vim.fault.DuplicateName",
                    "The name '" + name + "' already exists.");
        }
        JsonNode template = item.path("template");
        JsonNode hardware = spec.path("hardware_customization");
        long cpus = hardware.path("cpu_update").path("num_cpus").asLong(template.path("cpu").path("count").asLong());
        long memory = hardware.path("memory_update").path("memory")
                .asLong(template.path("memory").path("size_MiB").asLong());
        Vm vm = new Vm("vm-" + nextVm.incrementAndGet(), name, dc.path("datacenter").asText(), folder,
                spec.path("powered_on").asBoolean(false) ? "POWERED_ON" : "POWERED_OFF", cpus, memory);
        vms.put(vm.id, vm);
        deploys.incrementAndGet();
        if (loseNextDeployAnswer) {
            loseNextDeployAnswer = false;
            return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
        }
        return json(200, TextNode.valueOf(vm.id));
    }

    private ResponseDefinition libraryItems(String method, String rest, Request request) throws IOException {
        if (rest.isEmpty() && method.equals("POST") && request.queryParameter("action").isPresent()
                && request.queryParameter("action").firstValue().equals("find")) {
            JsonNode spec = JSON.readTree(request.getBodyAsString());
            ArrayNode ids = JSON.createArrayNode();
            for (JsonNode item : items.values()) {
                if (same(spec, item, "type") && same(spec, item, "library_id") && same(spec, item, "name")) {
                    ids.add(item.path("id").asText());
                }
            }
            return json(200, ids);
        }
        if (rest.startsWith("/") && method.equals("GET")) {
            JsonNode item = items.get(rest.substring(1));
            if (item == null) {
                return notFound("Library item with identifier '" + rest.substring(1) + "' does not exist.");
            }
            ObjectNode model = item.deepCopy();
            model.remove("template");
            return json(200, model);
        }
        return error(400, "INVALID_ARGUMENT", "vapi.method.input.invalid", "unsupported request");
    }

    /** A find spec field matches when it is not given or equals the item's. */
    private static boolean same(JsonNode spec, JsonNode item, String field) {
        return !spec.hasNonNull(field) || spec.path(field).asText().equals(item.path(field).asText());
    }

    private static <T> ArrayNode list(Iterable<T> values, Predicate<T> filter,
                                      java.util.function.Function<T, JsonNode> render) {
        ArrayNode out = JSON.createArrayNode();
        List<T> kept = new ArrayList<>();
        values.forEach(v -> {
            if (filter.test(v)) {
                kept.add(v);
            }
        });
        kept.forEach(v -> out.add(render.apply(v)));
        return out;
    }

    static ResponseDefinition json(int status, JsonNode body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body.toString()).build();
    }

    static ResponseDefinition status(int status) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status).build();
    }

    static ResponseDefinition notFound(String message) {
        return error(404, "NOT_FOUND", "com.vmware.api.vcenter.not_found", message);
    }

    /** The Automation API's error body: {@code error_type} plus localizable messages. */
    static ResponseDefinition error(int status, String type, String messageId, String message) {
        ObjectNode body = JSON.createObjectNode().put("error_type", type);
        body.putArray("messages").addObject().put("id", messageId).put("default_message", message).putArray("args");
        return json(status, body);
    }
}
