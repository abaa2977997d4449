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
 * resource pools, VMs with their power operations and CPU/memory updates, content library items (find, get,
 * create, delete), VM template and OVF deploys, OVF capture of a VM, download and update sessions with the transfer
 * endpoints they hand out ({@code /cls-data/...}). Errors carry the reference's {@code error_type} and
 * {@code messages}; a request repeating a {@code Client-Token} gets the first answer again.
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
        /** The host the VM is registered on; null for its datacenter's first host. */
        String host;
        long cpus;
        long memoryMb;
        byte[] disk = new byte[0];

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
    private final VsphereViJsonFake viJson = new VsphereViJsonFake(new VsphereDiskFake(
            ds -> datacenters.values().stream().anyMatch(dc -> dc.path("datastores").findValuesAsText("datastore")
                    .contains(ds)), vm -> this.vms.containsKey(vm)));
    private int vmListCap = 4000;
    private final AtomicInteger vmLists = new AtomicInteger();
    private final Map<String, JsonNode> items = new LinkedHashMap<>();
    private final Map<String, Vm> vms = new LinkedHashMap<>();
    private final Set<String> sessions = new HashSet<>();
    private final AtomicInteger nextVm = new AtomicInteger(2000);
    private final AtomicInteger deploys = new AtomicInteger();
    private final AtomicInteger logins = new AtomicInteger();
    private boolean loseNextDeployAnswer;
    private String loseAnswerTo;
    /** The files of each library item (OVF descriptors and disks), by item id and file name. */
    private final Map<String, Map<String, byte[]>> files = new LinkedHashMap<>();
    /** Answers already given to requests with a Client-Token: a repeated token gets the same answer. */
    private final Map<String, ResponseDefinition> tokens = new LinkedHashMap<>();
    private final Map<String, ObjectNode> downloads = new LinkedHashMap<>();
    private final Map<String, ObjectNode> updates = new LinkedHashMap<>();
    private final Map<String, Map<String, byte[]>> staged = new LinkedHashMap<>();

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

    /**
     * The next successful request to {@code path} is carried out (and its Client-Token remembered), but its answer
     * is lost (the connection resets).
     */
    public synchronized void loseNextAnswerTo(String path) {
        loseAnswerTo = path;
    }

    /** Gives a VM's boot disk (a streamOptimized VMDK), as an OVF capture of it would contain. */
    public synchronized void setDisk(String vm, byte[] vmdk) {
        vms.get(vm).disk = vmdk.clone();
    }

    /** The library items of a type. */
    public synchronized List<String> itemsOfType(String type) {
        return items.values().stream().filter(i -> i.path("type").asText().equals(type))
                .map(i -> i.path("id").asText()).toList();
    }

    /** The content of a file of a library item, if it has it. */
    public synchronized byte[] itemFile(String item, String name) {
        return files.getOrDefault(item, Map.of()).get(name);
    }

    /** Download sessions not yet deleted. */
    public synchronized int openDownloadSessions() {
        return downloads.size();
    }

    /** The states of the update sessions not yet deleted. */
    public synchronized List<String> updateSessionStates() {
        return updates.values().stream().map(u -> u.path("state").asText()).toList();
    }

    /** The CPU count and memory of a VM. */
    public synchronized long[] size(String vm) {
        return new long[] {vms.get(vm).cpus, vms.get(vm).memoryMb};
    }

    /** vCenter forgets every session (of both APIs), as after its idle timeout or a restart. */
    public synchronized void expireSessions() {
        sessions.clear();
        viJson.expireSessions();
    }

    /** Whether vCenter serves the VI JSON API (8.0 U1 and later) or not (vCenter 7: its paths are 404). */
    public synchronized void serveViJson(boolean on) {
        viJson.serve(on);
    }

    /** How many VI JSON logins vCenter accepted. */
    public synchronized int viJsonLogins() {
        return viJson.logins();
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
            if (path.startsWith("/sdk/vim25/")) {
                return lostIfAsked(path, viJson.answer(method, path.substring("/sdk/vim25/".length()), request));
            }
            if (!sessions.contains(request.getHeader(VsphereAccount.SESSION_HEADER))) {
                return error(401, "UNAUTHENTICATED", "vapi.method.authentication.required",
                        "This method requires authentication.");
            }
            String token = request.getHeader("Client-Token");
            if (token != null && tokens.containsKey(token)) {
                return tokens.get(token);
            }
            ResponseDefinition answer = route(path, method, request);
            if (token != null && answer.getStatus() < 400) {
                tokens.put(token, answer);
            }
            return lostIfAsked(path, answer);
        } catch (IOException | RuntimeException e) {
            return error(400, "INVALID_ARGUMENT", "vapi.bindings.typeconverter.invalid", e.toString());
        }
    }

    /** The answer, or a reset connection when it is the one {@link #loseNextAnswerTo} asked to lose. */
    private ResponseDefinition lostIfAsked(String path, ResponseDefinition answer) {
        if (path.equals(loseAnswerTo) && answer.getStatus() < 400) {
            loseAnswerTo = null;
            return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
        }
        return answer;
    }

    /** The next VI JSON task started ends in the MethodFault {@code fault} and changes nothing. */
    public synchronized void failNextTask(String fault) {
        viJson.disks.failNextTask(fault);
    }

    /** The First Class Disks of a given name, however many there are. */
    public synchronized long disksNamed(String name) {
        return viJson.disks.disksNamed(name);
    }

    /** How many First Class Disks vCenter holds. */
    public synchronized int disks() {
        return viJson.disks.disks();
    }

    private ResponseDefinition route(String path, String method, Request request) throws IOException {
        if (path.startsWith("/cls-data/")) {
            return transfer(method, path.substring("/cls-data/".length()).split("/"), request);
        }
        if (path.equals("/api/vcenter/ovf/library-item") && method.equals("POST")) {
            return capture(JSON.readTree(request.getBodyAsString()));
        }
        if (path.startsWith("/api/vcenter/ovf/library-item/") && method.equals("POST")) {
            return deployOvf(path.substring("/api/vcenter/ovf/library-item/".length()),
                    JSON.readTree(request.getBodyAsString()));
        }
        if (path.startsWith("/api/content/library/item/download-session")) {
            return downloadSession(method, path.substring("/api/content/library/item/download-session".length()),
                    request);
        }
        if (path.startsWith("/api/content/library/item/update-session")) {
            return updateSession(method, path.substring("/api/content/library/item/update-session".length()),
                    request);
        }
        if (path.startsWith("/api/vcenter/")) {
            return vcenter(method, path.substring("/api/vcenter/".length()).split("/"), request);
        }
        if (path.startsWith("/api/content/library/item")) {
            return libraryItems(method, path.substring("/api/content/library/item".length()), request);
        }
        return notFound("no such resource " + path);
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

    private String hostOf(Vm vm) {
        if (vm.host != null) {
            return vm.host;
        }
        JsonNode hostsOfDc = datacenters.get(vm.datacenter).path("hosts");
        return hostsOfDc.isEmpty() ? "" : hostsOfDc.get(0).path("host").asText();
    }

    /** VM lists matching more than {@code cap} VMs fail from now on, as vCenter's do beyond 4000. */
    public synchronized void vmListCap(int cap) {
        vmListCap = cap;
    }

    /** How many VM list calls were answered. */
    public int vmLists() {
        return vmLists.get();
    }

    /** Adds {@code count} powered-off VMs on one host of a datacenter; returns their ids. */
    public synchronized List<String> seedVms(String datacenter, String host, String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            Vm vm = new Vm("vm-" + nextVm.incrementAndGet(), prefix + n, datacenter,
                    datacenters.get(datacenter).path("info").path("vm_folder").asText(), "POWERED_OFF", 1, 1024);
            vm.host = host;
            vms.put(vm.id, vm);
            ids.add(vm.id);
        }
        return ids;
    }

    public synchronized void removeVms(List<String> ids) {
        ids.forEach(vms::remove);
    }

    /** A filter query parameter lets a value through when it is absent or lists the value. */
    private static boolean matches(Request request, String filter, String value) {
        QueryParameter parameter = request.queryParameter(filter);
        return parameter == null || !parameter.isPresent() || parameter.values().contains(value);
    }

    private ResponseDefinition vm(String method, String[] p, Request request) throws IOException {
        if (p.length == 1 && method.equals("GET")) {
            List<Vm> matching = vms.values().stream().filter(v -> matches(request, "vms", v.id)
                    && matches(request, "names", v.name) && matches(request, "datacenters", v.datacenter)
                    && matches(request, "folders", v.folder) && matches(request, "power_states", v.power)
                    && matches(request, "hosts", hostOf(v))).toList();
            vmLists.incrementAndGet();
            if (matching.size() > vmListCap) {
                // "List VMs": more matches than the cap fail the whole call; callers must filter more narrowly
                return error(500, "UNABLE_TO_ALLOCATE_RESOURCE", "com.vmware.api.vcenter.vm.list.limit_exceeded",
                        "More than " + vmListCap + " virtual machines match the filter.");
            }
            return json(200, list(matching, v -> true, Vm::summary));
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
        if (p.length == 4 && p[2].equals("hardware") && method.equals("PATCH")) {
            if (vm.power.equals("POWERED_ON")) {
                return error(400, "NOT_ALLOWED_IN_CURRENT_STATE", "vim.fault.InvalidPowerState",
                        "The virtual machine must be powered off to change its " + p[3] + ".");
            }
            JsonNode update = readJson(request);
            if (p[3].equals("cpu")) {
                vm.cpus = update.path("count").asLong(vm.cpus);
            } else if (p[3].equals("memory")) {
                vm.memoryMb = update.path("size_MiB").asLong(vm.memoryMb);
            } else {
                return notFound("no such hardware " + p[3]);
            }
            return status(204);
        }
        if (p.length == 3 && p[2].equals("power") && method.equals("POST")) {
            String action = request.queryParameter("action").isPresent()
                    ? request.queryParameter("action").firstValue() : "";
            return switch (action) {
                case "start" -> power(vm, Set.of("POWERED_OFF", "SUSPENDED"), "POWERED_ON");
                case "stop" -> power(vm, Set.of("POWERED_ON", "SUSPENDED"), "POWERED_OFF");
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
        if (p.length == 2 && p[1].equals("library-items") && method.equals("POST")) {
            return captureTemplate(JSON.readTree(request.getBodyAsString()));
        }
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

    /** POST /api/vcenter/vm-template/library-items: a VM cloned into a VM template item. */
    private ResponseDefinition captureTemplate(JsonNode spec) {
        Vm vm = vms.get(spec.path("source_vm").asText());
        if (vm == null) {
            return notFound("Virtual machine with identifier '" + spec.path("source_vm").asText()
                    + "' does not exist.");
        }
        String library = spec.path("library").asText();
        String name = spec.path("name").asText();
        if (items.values().stream().anyMatch(i -> i.path("library_id").asText().equals(library)
                && i.path("name").asText().equals(name))) {
            return error(400, "ALREADY_EXISTS", "com.vmware.content.library.item.duplicate_name",
                    "An item named '" + name + "' already exists in the library.");
        }
        String id = newItem(library, name, "vm-template", spec.path("description").asText(""));
        ObjectNode template = ((ObjectNode) items.get(id)).putObject("template");
        template.put("guest_OS", "OTHER_LINUX_64").put("vm_template", "vm-" + nextVm.incrementAndGet());
        template.putObject("cpu").put("count", vm.cpus).put("cores_per_socket", 1);
        template.putObject("memory").put("size_MiB", vm.memoryMb);
        return json(201, TextNode.valueOf(id));
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
        if (rest.isEmpty() && method.equals("POST")) {
            JsonNode spec = JSON.readTree(request.getBodyAsString());
            String name = spec.path("name").asText();
            boolean taken = items.values().stream().anyMatch(i -> i.path("library_id").asText()
                    .equals(spec.path("library_id").asText()) && i.path("name").asText().equals(name));
            if (taken) {
                return error(400, "ALREADY_EXISTS", "com.vmware.content.library.item.duplicate_name",
                        "An item named '" + name + "' already exists in the library.");
            }
            return json(201, TextNode.valueOf(newItem(spec.path("library_id").asText(), name,
                    spec.path("type").asText(), spec.path("description").asText(""))));
        }
        if (rest.startsWith("/") && method.equals("DELETE")) {
            String id = rest.substring(1);
            if (items.remove(id) == null) {
                return notFound("Library item with identifier '" + id + "' does not exist.");
            }
            files.remove(id);
            return status(204);
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

    private String newItem(String library, String name, String type, String description) {
        String id = UUID.randomUUID().toString();
        items.put(id, JSON.createObjectNode().put("id", id).put("library_id", library).put("name", name)
                .put("description", description).put("type", type).put("size", 0).put("cached", true)
                .put("content_version", "1").put("metadata_version", "1").put("version", "1")
                .put("creation_time", "2026-11-26T12:00:00.000Z").put("last_modified_time", "2026-11-26T12:00:00.000Z"));
        files.put(id, new LinkedHashMap<>());
        return id;
    }

    /** POST /api/vcenter/ovf/library-item: a powered-off VM captured as an OVF template (descriptor and disk). */
    private ResponseDefinition capture(JsonNode spec) {
        Vm vm = vms.get(spec.path("source").path("id").asText());
        if (vm == null) {
            return notFound("Virtual machine with identifier '" + spec.path("source").path("id").asText()
                    + "' does not exist.");
        }
        if (!vm.power.equals("POWERED_OFF")) {
            return error(400, "NOT_ALLOWED_IN_CURRENT_STATE", "com.vmware.ovfs.ovfs-main.ovfs.invalid_vm_state",
                    "The virtual machine must be powered off to be exported.");
        }
        String name = spec.path("create_spec").path("name").asText(vm.name);
        String item = newItem(spec.path("target").path("library_id").asText(), name, "ovf",
                spec.path("create_spec").path("description").asText(""));
        files.get(item).put(name + ".ovf", ("<Envelope><!-- " + vm.name + " --></Envelope>")
                .getBytes(StandardCharsets.UTF_8));
        files.get(item).put(name + "-1.vmdk", vm.disk);
        ObjectNode result = JSON.createObjectNode().put("succeeded", true).put("ovf_library_item_id", item);
        ObjectNode error = result.putObject("error");
        error.putArray("errors");
        error.putArray("warnings");
        error.putArray("information");
        return json(201, result);
    }

    /** POST /api/vcenter/ovf/library-item/{id}?action=deploy: a powered-off VM with the item's disk. */
    private ResponseDefinition deployOvf(String item, JsonNode spec) {
        JsonNode model = items.get(item);
        if (model == null || !model.path("type").asText().equals("ovf")) {
            return notFound("Library item with identifier '" + item + "' is not an OVF template.");
        }
        String folder = spec.path("target").path("folder_id").asText();
        String name = spec.path("deployment_spec").path("name").asText();
        JsonNode dc = datacenters.values().stream()
                .filter(d -> d.path("info").path("vm_folder").asText().equals(folder)).findFirst().orElse(null);
        if (dc == null) {
            return error(400, "INVALID_ARGUMENT", "com.vmware.ovfs.invalid_folder", "Invalid folder " + folder);
        }
        if (vms.values().stream().anyMatch(v -> v.folder.equals(folder) && v.name.equals(name))) {
            return error(400, "ALREADY_EXISTS", "vim.fault.DuplicateName", "The name '" + name + "' already exists.");
        }
        Vm vm = new Vm("vm-" + nextVm.incrementAndGet(), name, dc.path("datacenter").asText(), folder,
                "POWERED_OFF", 1, 1024);
        vm.disk = files.get(item).getOrDefault(VsphereOvf.DISK_FILE, new byte[0]);
        vms.put(vm.id, vm);
        deploys.incrementAndGet();
        ObjectNode result = JSON.createObjectNode().put("succeeded", true);
        result.putObject("resource_id").put("type", "VirtualMachine").put("id", vm.id);
        return json(200, result);
    }

    private ResponseDefinition downloadSession(String method, String rest, Request request) throws IOException {
        if (rest.isEmpty() && method.equals("POST")) {
            String item = JSON.readTree(request.getBodyAsString()).path("library_item_id").asText();
            if (!items.containsKey(item)) {
                return notFound("Library item with identifier '" + item + "' does not exist.");
            }
            String id = UUID.randomUUID().toString();
            downloads.put(id, JSON.createObjectNode().put("id", id).put("library_item_id", item)
                    .put("state", "ACTIVE"));
            return json(201, TextNode.valueOf(id));
        }
        String[] p = rest.substring(1).split("/");
        ObjectNode session = downloads.get(p[0]);
        if (session == null) {
            return notFound("Download session with identifier '" + p[0] + "' does not exist.");
        }
        Map<String, byte[]> content = files.getOrDefault(session.path("library_item_id").asText(), Map.of());
        if (p.length == 1 && method.equals("DELETE")) {
            downloads.remove(p[0]);
            return status(204);
        }
        if (p.length == 2 && p[1].equals("file") && method.equals("GET") && request.queryParameter("file_name")
                .isPresent()) {
            String name = request.queryParameter("file_name").firstValue();
            if (!content.containsKey(name)) {
                return notFound("File '" + name + "' does not exist in the library item.");
            }
            // Preparing takes one more look: the driver has to poll.
            String status = session.path("prepared").path(name).asText("UNPREPARED");
            String next = switch (status) {
                case "PREPARE_REQUESTED" -> "PREPARING";
                case "PREPARING", "PREPARED" -> "PREPARED";
                default -> status;
            };
            prepared(session).put(name, next);
            ObjectNode info = fileInfo(name, content.get(name), next);
            if (next.equals("PREPARED")) {
                info.putObject("download_endpoint").put("uri", "http://" + request.getHost() + ":" + request.getPort()
                        + "/cls-data/download/" + p[0] + "/" + name);
            }
            return json(200, info);
        }
        if (p.length == 2 && p[1].equals("file") && method.equals("GET")) {
            ArrayNode list = JSON.createArrayNode();
            content.forEach((name, bytes) -> list.add(fileInfo(name, bytes, "UNPREPARED")));
            return json(200, list);
        }
        if (p.length == 2 && p[1].equals("file") && method.equals("POST")) {
            String name = JSON.readTree(request.getBodyAsString()).path("file_name").asText();
            if (!content.containsKey(name)) {
                return notFound("File '" + name + "' does not exist in the library item.");
            }
            prepared(session).put(name, "PREPARE_REQUESTED");
            return json(200, fileInfo(name, content.get(name), "PREPARE_REQUESTED"));
        }
        return error(400, "INVALID_ARGUMENT", "vapi.method.input.invalid", "unsupported request");
    }

    private static ObjectNode prepared(ObjectNode session) {
        if (!session.has("prepared")) {
            session.putObject("prepared");
        }
        return (ObjectNode) session.get("prepared");
    }

    private static ObjectNode fileInfo(String name, byte[] bytes, String status) {
        ObjectNode info = JSON.createObjectNode().put("name", name).put("size", bytes.length)
                .put("bytes_transferred", status.equals("PREPARED") ? bytes.length : 0).put("status", status);
        info.putObject("checksum_info").put("algorithm", "MD5").put("checksum", md5(bytes));
        return info;
    }

    private ResponseDefinition updateSession(String method, String rest, Request request) throws IOException {
        if (rest.isEmpty() && method.equals("POST")) {
            String item = JSON.readTree(request.getBodyAsString()).path("library_item_id").asText();
            if (!items.containsKey(item)) {
                return notFound("Library item with identifier '" + item + "' does not exist.");
            }
            String id = UUID.randomUUID().toString();
            updates.put(id, JSON.createObjectNode().put("id", id).put("library_item_id", item)
                    .put("state", "ACTIVE").put("client_progress", 0));
            staged.put(id, new LinkedHashMap<>());
            return json(201, TextNode.valueOf(id));
        }
        String[] p = rest.substring(1).split("/");
        ObjectNode session = updates.get(p[0]);
        if (session == null) {
            return notFound("Update session with identifier '" + p[0] + "' does not exist.");
        }
        String action = request.queryParameter("action").isPresent() ? request.queryParameter("action").firstValue()
                : "";
        if (p.length == 1 && method.equals("GET")) {
            return json(200, session);
        }
        if (p.length == 1 && method.equals("DELETE")) {
            updates.remove(p[0]);
            staged.remove(p[0]);
            return status(204);
        }
        if (p.length == 1 && method.equals("POST") && action.equals("complete")) {
            if (!session.path("state").asText().equals("ACTIVE")) {
                return error(400, "NOT_ALLOWED_IN_CURRENT_STATE", "com.vmware.cls.session.not_active",
                        "The update session is not active.");
            }
            files.get(session.path("library_item_id").asText()).putAll(staged.get(p[0]));
            session.put("state", "DONE").put("client_progress", 100);
            return status(204);
        }
        if (p.length == 1 && method.equals("POST") && action.equals("fail")) {
            session.put("state", "ERROR");
            return status(204);
        }
        if (p.length == 2 && p[1].equals("file") && method.equals("POST")) {
            JsonNode add = JSON.readTree(request.getBodyAsString());
            String name = add.path("name").asText();
            ObjectNode info = JSON.createObjectNode().put("name", name).put("source_type", "PUSH")
                    .put("status", "WAITING_FOR_TRANSFER").put("bytes_transferred", 0);
            info.putObject("upload_endpoint").put("uri", "http://" + request.getHost() + ":" + request.getPort()
                    + "/cls-data/upload/" + p[0] + "/" + name);
            return json(200, info);
        }
        return error(400, "INVALID_ARGUMENT", "vapi.method.input.invalid", "unsupported request");
    }

    /** The transfer endpoints vCenter hands out: PUT into an update session, GET from a download session. */
    private ResponseDefinition transfer(String method, String[] p, Request request) {
        if (p.length == 3 && p[0].equals("upload") && method.equals("PUT") && staged.containsKey(p[1])) {
            staged.get(p[1]).put(p[2], request.getBody());
            return status(200);
        }
        if (p.length == 3 && p[0].equals("download") && method.equals("GET") && downloads.containsKey(p[1])) {
            byte[] bytes = files.get(downloads.get(p[1]).path("library_item_id").asText()).get(p[2]);
            return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                    .withHeader("Content-Type", "application/octet-stream").withBody(bytes).build();
        }
        return notFound("no such transfer");
    }

    private static JsonNode readJson(Request request) throws IOException {
        return JSON.readTree(request.getBodyAsString());
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
