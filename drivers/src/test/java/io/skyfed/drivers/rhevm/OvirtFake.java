package io.skyfed.drivers.rhevm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An oVirt engine behind WireMock, stateful, speaking the REST API v4 in JSON as documented (collections as
 * {"type": [...]}, links as {"id", "href"}, faults as {"reason", "detail"}, 409 for operations the VM's state
 * forbids), starting from the fixtures in {@code src/test/resources/ovirt/}. It also plays the SSO service
 * (password grant, tokens that can be made to expire) and the image I/O daemon behind image transfers.
 *
 * <p>Long engine work happens "on the next read", as NovaFake does: a VM is image_locked until it is read once,
 * wait_for_launch until read once more, and so on, so clients must poll as they must with a real engine.
 */
public final class OvirtFake extends StatefulFake {

    public static final String NAME = "ovirt-fake";
    static final String USER = "admin@internal";
    static final String PASSWORD = "ovirt-secret";
    static final String API = "/ovirt-engine/api";
    static final String SSO = "/ovirt-engine/sso/oauth/token";
    static final String IMAGEIO = "/images/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ObjectNode> dataCenters = load("datacenters", "data_center");
    private final Map<String, ObjectNode> clusters = load("clusters", "cluster");
    private final Map<String, ObjectNode> hosts = load("hosts", "host");
    private final Map<String, ObjectNode> instanceTypes = load("instancetypes", "instance_type");
    private final Map<String, ObjectNode> templates = load("templates", "template");
    private final Map<String, ObjectNode> storageDomains = load("storagedomains", "storage_domain");
    private final Map<String, ObjectNode> vms = load("vms", "vm");
    private final Map<String, ObjectNode> disks = new LinkedHashMap<>();
    /** Each VM's disk attachments, as the API shows them. */
    private final Map<String, List<ObjectNode>> attachments = new LinkedHashMap<>();
    /** What each disk holds, and what each template's disk holds (template disks are not listed here). */
    private final Map<String, byte[]> content = new LinkedHashMap<>();
    private final Map<String, byte[]> templateContent = new LinkedHashMap<>();
    private final Map<String, ObjectNode> transfers = new LinkedHashMap<>();
    /** Each VM's snapshots after its implicit "Active VM" one, by VM id. */
    private final Map<String, List<ObjectNode>> snapshots = new LinkedHashMap<>();
    private final Set<String> validTokens = new HashSet<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger vmCreates = new AtomicInteger();
    private boolean loseNextCreateAnswer;
    private final Map<String, Integer> pages = new LinkedHashMap<>();

    public OvirtFake() {
        super(NAME);
        for (String template : templates.keySet()) {
            if (!template.equals(RhevmSession.BLANK_TEMPLATE)) {
                templateContent.put(template, pattern(64 * 1024, template.hashCode()));
            }
        }
        for (ObjectNode vm : vms.values()) {
            bootDiskFromTemplate(vm);
        }
    }

    // ---- hooks for tests ----------------------------------------------------------------------------------

    /** The next VM create is carried out, but its answer is lost (the connection resets). */
    public synchronized void loseNextCreateAnswer() {
        loseNextCreateAnswer = true;
    }

    /** How many VMs POST /vms really made. */
    public int vmCreates() {
        return vmCreates.get();
    }

    /** How many SSO tokens were handed out. */
    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** Every token handed out so far stops working, as after its lifetime or an engine restart. */
    public synchronized void expireTokens() {
        validTokens.clear();
    }

    public synchronized int diskCount() {
        return disks.size();
    }

    public synchronized int templateCount() {
        return templates.size();
    }

    public synchronized int vmCount() {
        return vms.size();
    }

    public synchronized long openTransfers() {
        return transfers.values().stream().filter(t -> !t.path("phase").asText().startsWith("finished")
                && !t.path("phase").asText().startsWith("cancelled")).count();
    }

    /** What the boot disk of a template holds. */
    public synchronized byte[] templateContent(String templateId) {
        return templateContent.get(templateId);
    }

    // ---- dispatch -----------------------------------------------------------------------------------------

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        URI uri = URI.create(request.getUrl());
        String path = uri.getPath();
        String method = request.getMethod().getName();
        String base = "http://" + request.getHost() + ":" + request.getPort();
        try {
            if (path.equals(SSO) && method.equals("POST")) {
                return token(request.getBodyAsString());
            }
            if (path.startsWith(IMAGEIO)) {
                return imageio(method, path.substring(IMAGEIO.length()), request);
            }
            if (!authorized(request.getHeader("Authorization"))) {
                return fault(401, "Unauthorized", "");
            }
            if (!path.startsWith(API + "/")) {
                return fault(404, "Not Found", path);
            }
            String[] p = path.substring(API.length() + 1).split("/");
            return api(method, p, request, base);
        } catch (IOException | RuntimeException e) {
            return fault(400, "Bad Request", e.toString());
        }
    }

    private ResponseDefinition token(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        if (!"password".equals(fields.get("grant_type")) || !"ovirt-app-api".equals(fields.get("scope"))
                || !USER.equals(fields.get("username")) || !PASSWORD.equals(fields.get("password"))) {
            return json(400, read("sso-denied"));
        }
        ObjectNode answer = read("sso-token");
        String token = answer.path("access_token").asText() + "-" + tokensIssued.incrementAndGet();
        answer.put("access_token", token);
        validTokens.add(token);
        return json(200, answer);
    }

    private boolean authorized(String header) {
        if (header == null) {
            return false;
        }
        if (header.startsWith("Bearer ")) {
            return validTokens.contains(header.substring(7));
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return header.equals(basic);
    }

    private ResponseDefinition api(String method, String[] p, Request request, String base) throws IOException {
        String search = query(request, "search");
        switch (p[0]) {
            case "datacenters" -> {
                if (p.length == 3 && p[2].equals("storagedomains")) {
                    return list("storage_domain", storageDomains.values().stream().filter(d -> d.path("data_centers")
                            .path("data_center").path(0).path("id").asText().equals(p[1])).toList());
                }
                return read(method, p, "data_center", dataCenters);
            }
            case "clusters" -> {
                return read(method, p, "cluster", clusters);
            }
            case "instancetypes" -> {
                return read(method, p, "instance_type", instanceTypes);
            }
            case "storagedomains" -> {
                return read(method, p, "storage_domain", storageDomains);
            }
            case "hosts" -> {
                boolean statistics = "statistics".equals(query(request, "follow"));
                List<ObjectNode> shown = search("hosts", hosts, search, query(request, "max")).stream().map(h -> {
                    ObjectNode copy = h.deepCopy();
                    if (!statistics) {
                        copy.remove("statistics");
                    }
                    return copy;
                }).toList();
                return list("host", shown);
            }
            case "templates" -> {
                return templates(method, p, request, search);
            }
            case "vms" -> {
                return vms(method, p, request, search);
            }
            case "disks" -> {
                return disks(method, p, request, search);
            }
            case "imagetransfers" -> {
                return transfers(method, p, request, base);
            }
            default -> {
                return fault(404, "Not Found", "no collection " + p[0]);
            }
        }
    }

    private static ResponseDefinition read(String method, String[] p, String type, Map<String, ObjectNode> items) {
        if (!method.equals("GET")) {
            return fault(405, "Method Not Allowed", "");
        }
        if (p.length == 1) {
            return list(type, items.values());
        }
        ObjectNode item = items.get(p[1]);
        return item == null ? fault(404, "Not Found", "") : json(200, item);
    }

    // ---- templates ----------------------------------------------------------------------------------------

    private ResponseDefinition templates(String method, String[] p, Request request, String search)
            throws IOException {
        if (p.length == 1 && method.equals("GET")) {
            List<ObjectNode> shown = new ArrayList<>(search("templates", templates, search, query(request, "max")));
            ResponseDefinition answer = list("template", shown);
            shown.forEach(t -> settle(t, "locked", "ok"));
            return answer;
        }
        if (p.length == 1 && method.equals("POST")) {
            JsonNode spec = JSON.readTree(request.getBodyAsString());
            String name = spec.path("name").asText();
            ObjectNode vm = vms.get(spec.path("vm").path("id").asText());
            if (vm == null) {
                return fault(400, "Bad Request", "[Cannot add Template. VM doesn't exist.]");
            }
            if (templates.values().stream().anyMatch(t -> t.path("name").asText().equals(name))) {
                return fault(409, "Operation Failed", "[Cannot add Template. The given name is already in use.]");
            }
            if (!vm.path("status").asText().equals("down")) {
                return fault(409, "Operation Failed", "[Cannot add Template. VM must be down.]");
            }
            String id = UUID.randomUUID().toString();
            ObjectNode template = JSON.createObjectNode().put("href", API + "/templates/" + id).put("id", id)
                    .put("name", name).put("description", spec.path("description").asText(""))
                    .put("status", "locked").put("type", "server").put("memory", vm.path("memory").asText())
                    .put("creation_time", System.currentTimeMillis());
            template.set("cpu", vm.path("cpu").deepCopy());
            template.set("cluster", vm.path("cluster").deepCopy());
            templates.put(id, template);
            bootDisk(vm.path("id").asText()).ifPresent(d -> templateContent.put(id, content.get(d).clone()));
            return json(202, template);
        }
        ObjectNode template = templates.get(p[1]);
        if (template == null) {
            return fault(404, "Not Found", "");
        }
        if (method.equals("DELETE")) {
            templates.remove(p[1]);
            templateContent.remove(p[1]);
            return json(200, JSON.createObjectNode());
        }
        ResponseDefinition answer = json(200, template);
        settle(template, "locked", "ok");
        return answer;
    }

    // ---- vms ----------------------------------------------------------------------------------------------

    private ResponseDefinition vms(String method, String[] p, Request request, String search) throws IOException {
        if (p.length == 1 && method.equals("GET")) {
            boolean follow = "disk_attachments".equals(query(request, "follow"));
            boolean followSnapshots = "snapshots.disks".equals(query(request, "follow"));
            List<ObjectNode> matched = search("vms", vms, search, query(request, "max"));
            List<ObjectNode> shown = matched.stream().map(v -> {
                ObjectNode copy = v.deepCopy();
                if (follow) {
                    ArrayNode a = copy.putObject("disk_attachments").putArray("disk_attachment");
                    attachments.getOrDefault(v.path("id").asText(), List.of()).forEach(a::add);
                }
                if (followSnapshots) {
                    ArrayNode a = copy.putObject("snapshots").putArray("snapshot");
                    snapshotsOf(v.path("id").asText()).forEach(a::add);
                }
                return copy;
            }).toList();
            ResponseDefinition answer = list("vm", shown);
            matched.forEach(OvirtFake::settleVm);
            return answer;
        }
        if (p.length == 1 && method.equals("POST")) {
            return createVm(JSON.readTree(request.getBodyAsString()));
        }
        ObjectNode vm = vms.get(p[1]);
        if (vm == null) {
            return fault(404, "Not Found", "");
        }
        String status = vm.path("status").asText();
        if (p.length == 2 && method.equals("GET")) {
            ResponseDefinition answer = json(200, vm);
            settleVm(vm);
            return answer;
        }
        if (p.length == 2 && method.equals("DELETE")) {
            if (!status.equals("down")) {
                return fault(409, "Operation Failed", "[Cannot remove VM. VM is running.]");
            }
            vms.remove(p[1]);
            for (ObjectNode a : attachments.getOrDefault(p[1], List.of())) {
                disks.remove(a.path("id").asText());
                content.remove(a.path("id").asText());
            }
            attachments.remove(p[1]);
            return json(200, JSON.createObjectNode());
        }
        if (p.length >= 3 && p[2].equals("diskattachments")) {
            return diskAttachments(method, p, request, vm);
        }
        if (p.length >= 3 && p[2].equals("snapshots")) {
            return snapshots(method, p, request, vm);
        }
        if (p.length == 3 && method.equals("POST")) {
            return action(vm, p[2]);
        }
        return fault(400, "Bad Request", "unsupported request on vm");
    }

    private ResponseDefinition createVm(JsonNode spec) {
        String name = spec.path("name").asText();
        String templateId = spec.path("template").path("id").asText();
        ObjectNode template = templates.get(templateId);
        ObjectNode cluster = clusters.get(spec.path("cluster").path("id").asText());
        if (template == null || cluster == null) {
            return fault(400, "Bad Request", "[Cannot add VM. " + (template == null ? "Template" : "Cluster")
                    + " doesn't exist.]");
        }
        if (vms.values().stream().anyMatch(v -> v.path("name").asText().equals(name))) {
            return fault(409, "Operation Failed", "[Cannot add VM. The given name is already in use.]");
        }
        String id = UUID.randomUUID().toString();
        ObjectNode vm = JSON.createObjectNode().put("href", API + "/vms/" + id).put("id", id).put("name", name)
                .put("status", "image_locked").put("type", "server").put("creation_time", System.currentTimeMillis())
                .put("stateless", "false");
        String typeId = spec.path("instance_type").path("id").asText(null);
        ObjectNode type = typeId == null ? null : instanceTypes.get(typeId);
        if (typeId != null && type == null) {
            return fault(400, "Bad Request", "[Cannot add VM. Instance type doesn't exist.]");
        }
        JsonNode sizing = type != null ? type : spec.has("memory") || spec.has("cpu") ? spec : template;
        vm.put("memory", sizing.has("memory") ? sizing.path("memory").asText() : template.path("memory").asText());
        vm.set("cpu", (sizing.has("cpu") ? sizing.path("cpu") : template.path("cpu")).deepCopy());
        vm.set("cluster", link("clusters", cluster.path("id").asText()));
        vm.set("template", link("templates", templateId));
        if (type != null) {
            vm.set("instance_type", link("instancetypes", typeId));
        }
        if (spec.has("initialization")) {
            vm.set("initialization", spec.path("initialization").deepCopy());
        }
        vms.put(id, vm);
        bootDiskFromTemplate(vm);
        vmCreates.incrementAndGet();
        if (loseNextCreateAnswer) {
            loseNextCreateAnswer = false;
            return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
        }
        return json(201, vm);
    }

    private ResponseDefinition action(ObjectNode vm, String action) {
        String status = vm.path("status").asText();
        String next = switch (action) {
            case "start" -> status.equals("down") ? "wait_for_launch" : null;
            case "shutdown" -> status.equals("up") ? "powering_down" : null;
            case "stop" -> status.equals("down") || status.equals("image_locked") ? null : "down";
            case "reboot" -> status.equals("up") ? "reboot_in_progress" : null;
            default -> "";
        };
        if (next == null) {
            return fault(409, "Operation Failed", "[Cannot " + action + " VM. VM " + vm.path("name").asText()
                    + " is " + status + ".]");
        }
        if (next.isEmpty()) {
            return fault(404, "Not Found", "no action " + action);
        }
        vm.put("status", next);
        return json(200, JSON.createObjectNode().put("status", "complete"));
    }

    private static void settleVm(ObjectNode vm) {
        String next = switch (vm.path("status").asText()) {
            case "image_locked", "powering_down" -> "down";
            case "wait_for_launch", "powering_up", "reboot_in_progress" -> "up";
            default -> null;
        };
        if (next != null) {
            vm.put("status", next);
        }
    }

    private ResponseDefinition diskAttachments(String method, String[] p, Request request, ObjectNode vm)
            throws IOException {
        String vmId = vm.path("id").asText();
        List<ObjectNode> list = attachments.computeIfAbsent(vmId, k -> new ArrayList<>());
        if (p.length == 3 && method.equals("GET")) {
            return list("disk_attachment", list);
        }
        if (p.length == 3 && method.equals("POST")) {
            JsonNode spec = JSON.readTree(request.getBodyAsString());
            String diskId = spec.path("disk").path("id").asText();
            ObjectNode disk = disks.get(diskId);
            if (disk == null) {
                return fault(404, "Not Found", "");
            }
            if (!disk.path("status").asText().equals("ok")) {
                return fault(409, "Operation Failed", "[Cannot attach Virtual Disk. Disk is locked.]");
            }
            boolean attached = attachments.values().stream().flatMap(List::stream)
                    .anyMatch(a -> a.path("id").asText().equals(diskId));
            if (attached) {
                return fault(409, "Operation Failed", "[Cannot attach Virtual Disk. The disk is already attached.]");
            }
            ObjectNode a = attachment(vmId, diskId, spec.path("bootable").asBoolean(false),
                    spec.path("interface").asText("virtio_scsi"), "/dev/sd" + (char) ('a' + list.size()));
            list.add(a);
            return json(201, a);
        }
        if (p.length == 4 && method.equals("DELETE")) {
            boolean removed = list.removeIf(a -> a.path("id").asText().equals(p[3]));
            return removed ? json(200, JSON.createObjectNode()) : fault(404, "Not Found", "");
        }
        return fault(400, "Bad Request", "unsupported request on disk attachments");
    }

    /**
     * VM snapshots (SnapshotsService): the list starts with the VM's "Active VM" snapshot; a POST naming disk
     * attachments snapshots only those disks, locked until the next read; a locked snapshot cannot be removed.
     * {@code follow=disks} adds each snapshot's disks.
     */
    private ResponseDefinition snapshots(String method, String[] p, Request request, ObjectNode vm)
            throws IOException {
        String vmId = vm.path("id").asText();
        boolean withDisks = "disks".equals(query(request, "follow"));
        if (p.length == 3 && method.equals("GET")) {
            return list("snapshot", snapshotsOf(vmId).stream()
                    .map(s -> withDisks ? s : s.deepCopy().<ObjectNode>without("disks")).toList());
        }
        if (p.length == 3 && method.equals("POST")) {
            JsonNode spec = JSON.readTree(request.getBodyAsString());
            List<String> held = attachments.getOrDefault(vmId, List.of()).stream().map(a -> a.path("id").asText())
                    .toList();
            ArrayNode disksOf = JSON.createArrayNode();
            JsonNode named = spec.path("disk_attachments").path("disk_attachment");
            for (JsonNode a : named.isMissingNode() ? JSON.createArrayNode() : named) {
                String diskId = a.path("disk").path("id").asText();
                if (!held.contains(diskId)) {
                    return fault(400, "Operation Failed", "[Cannot create Snapshot. Disk " + diskId
                            + " is not attached to the VM.]");
                }
                disksOf.add(disks.get(diskId).deepCopy());
            }
            if (named.isMissingNode()) {
                held.forEach(d -> disksOf.add(disks.get(d).deepCopy()));
            }
            String id = UUID.randomUUID().toString();
            ObjectNode snapshot = JSON.createObjectNode().put("href", API + "/vms/" + vmId + "/snapshots/" + id)
                    .put("id", id).put("description", spec.path("description").asText())
                    .put("date", String.valueOf(System.currentTimeMillis())).put("snapshot_status", "locked")
                    .put("snapshot_type", "regular").put("persist_memorystate", "false");
            snapshot.set("vm", link("vms", vmId));
            snapshot.putObject("disks").set("disk", disksOf);
            snapshots.computeIfAbsent(vmId, k -> new ArrayList<>()).add(snapshot);
            return json(201, snapshot.deepCopy().<ObjectNode>without("disks"));
        }
        ObjectNode snapshot = p.length == 4 ? snapshotsOf(vmId).stream()
                .filter(s -> s.path("id").asText().equals(p[3])).findFirst().orElse(null) : null;
        if (snapshot == null) {
            return fault(404, "Not Found", "");
        }
        if (method.equals("GET")) {
            ResponseDefinition answer = json(200, withDisks ? snapshot : snapshot.deepCopy().<ObjectNode>without("disks"));
            snapshot.put("snapshot_status", "ok");
            return answer;
        }
        if (method.equals("DELETE")) {
            if (snapshot.path("snapshot_status").asText().equals("locked")) {
                return fault(409, "Operation Failed", "[Cannot remove Snapshot. Snapshot is currently being "
                        + "created for VM " + vm.path("name").asText() + ".]");
            }
            snapshots.get(vmId).remove(snapshot);
            return json(200, JSON.createObjectNode());
        }
        return fault(400, "Bad Request", "unsupported request on snapshots");
    }

    /**
     * A collection's search: {@code name=x}, or a page of the list sorted by name ({@code sortby name asc page N},
     * pages of {@code max}, the first page 1), as the engine's search language has it.
     */
    private List<ObjectNode> search(String collection, Map<String, ObjectNode> items, String search, String max) {
        if (search == null || !search.startsWith("sortby name asc page ")) {
            return byName(items, search);
        }
        int page = Integer.parseInt(search.substring("sortby name asc page ".length()).trim());
        int size = max == null ? Integer.MAX_VALUE : Integer.parseInt(max);
        pages.merge(collection, 1, Integer::sum);
        return items.values().stream().sorted(Comparator.comparing(v -> v.path("name").asText()))
                .skip((long) (page - 1) * size).limit(size).toList();
    }

    /** How many pages of the sorted VM search were served. */
    synchronized int vmPages() {
        return pages("vms");
    }

    /** How many pages of a collection's sorted search were served ({@code vms}, {@code disks}, ...). */
    synchronized int pages(String collection) {
        return pages.getOrDefault(collection, 0);
    }

    /** Adds {@code count} running VMs named {@code prefix + n} (for listings); returns their ids. */
    synchronized List<String> seedVms(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        ObjectNode model = vms.values().iterator().next();
        for (int n = 0; n < count; n++) {
            String id = UUID.nameUUIDFromBytes((prefix + n).getBytes(StandardCharsets.UTF_8)).toString();
            ObjectNode vm = model.deepCopy().put("id", id).put("name", prefix + n).put("href", API + "/vms/" + id);
            vms.put(id, vm);
            ids.add(id);
        }
        return ids;
    }

    /**
     * Adds {@code count} copies of the first template, host or disk, named {@code prefix + n} (for paged
     * listings); returns their ids.
     */
    synchronized List<String> seedCopies(String collection, String prefix, int count) {
        Map<String, ObjectNode> items = collection(collection);
        List<String> ids = new ArrayList<>();
        ObjectNode model = items.values().iterator().next();
        for (int n = 0; n < count; n++) {
            String id = UUID.nameUUIDFromBytes((collection + prefix + n).getBytes(StandardCharsets.UTF_8))
                    .toString();
            ObjectNode copy = model.deepCopy().put("id", id).put("name", prefix + n)
                    .put("href", API + "/" + collection + "/" + id);
            if (copy.has("alias")) {
                copy.put("alias", prefix + n);
            }
            items.put(id, copy);
            ids.add(id);
        }
        return ids;
    }

    synchronized void removeCopies(String collection, List<String> ids) {
        ids.forEach(collection(collection)::remove);
    }

    private Map<String, ObjectNode> collection(String name) {
        return switch (name) {
            case "templates" -> templates;
            case "hosts" -> hosts;
            case "disks" -> disks;
            default -> throw new IllegalArgumentException("no copies of " + name);
        };
    }

    synchronized void removeVms(List<String> ids) {
        ids.forEach(vms::remove);
    }

    private List<ObjectNode> snapshotsOf(String vmId) {
        List<ObjectNode> all = new ArrayList<>();
        ObjectNode active = JSON.createObjectNode().put("href", API + "/vms/" + vmId + "/snapshots/active-" + vmId)
                .put("id", UUID.nameUUIDFromBytes(vmId.getBytes(StandardCharsets.UTF_8)).toString())
                .put("description", "Active VM").put("snapshot_status", "ok").put("snapshot_type", "active");
        ArrayNode current = active.putObject("disks").putArray("disk");
        attachments.getOrDefault(vmId, List.of()).forEach(a -> current.add(disks.get(a.path("id").asText())));
        all.add(active);
        all.addAll(snapshots.getOrDefault(vmId, List.of()));
        return all;
    }

    /** How many snapshots (besides the active one) a VM has. */
    synchronized int snapshotCount(String vmId) {
        return snapshots.getOrDefault(vmId, List.of()).size();
    }

    private void bootDiskFromTemplate(ObjectNode vm) {
        byte[] data = templateContent.get(vm.path("template").path("id").asText());
        if (data == null) {
            return;
        }
        String diskId = UUID.randomUUID().toString();
        disks.put(diskId, disk(diskId, vm.path("name").asText() + "_Disk1", 10L << 30, "cow", "ok",
                storageDomains.keySet().iterator().next(), null));
        content.put(diskId, data.clone());
        attachments.computeIfAbsent(vm.path("id").asText(), k -> new ArrayList<>())
                .add(attachment(vm.path("id").asText(), diskId, true, "virtio_scsi", "/dev/sda"));
    }

    private Optional<String> bootDisk(String vmId) {
        return attachments.getOrDefault(vmId, List.of()).stream().filter(a -> a.path("bootable").asBoolean())
                .map(a -> a.path("id").asText()).findFirst();
    }

    private static ObjectNode attachment(String vmId, String diskId, boolean bootable, String iface, String device) {
        ObjectNode a = JSON.createObjectNode().put("href", API + "/vms/" + vmId + "/diskattachments/" + diskId)
                .put("id", diskId).put("active", "true").put("bootable", Boolean.toString(bootable))
                .put("interface", iface).put("logical_name", device).put("pass_discard", "false");
        a.set("disk", link("disks", diskId));
        a.set("vm", link("vms", vmId));
        return a;
    }

    // ---- disks --------------------------------------------------------------------------------------------

    private ResponseDefinition disks(String method, String[] p, Request request, String search) throws IOException {
        if (p.length == 1 && method.equals("GET")) {
            List<ObjectNode> shown = new ArrayList<>(search("disks", disks, search, query(request, "max")));
            ResponseDefinition answer = list("disk", shown);
            shown.forEach(d -> settle(d, "locked", "ok"));
            return answer;
        }
        if (p.length == 1 && method.equals("POST")) {
            JsonNode spec = JSON.readTree(request.getBodyAsString());
            String domain = spec.path("storage_domains").path("storage_domain").path(0).path("id").asText();
            if (!storageDomains.containsKey(domain)) {
                return fault(400, "Bad Request", "[Cannot add Virtual Disk. Storage Domain doesn't exist.]");
            }
            long size = spec.path("provisioned_size").asLong();
            if (size <= 0) {
                return fault(400, "Bad Request", "[Cannot add Virtual Disk. Disk size is invalid.]");
            }
            String id = UUID.randomUUID().toString();
            ObjectNode disk = disk(id, spec.path("name").asText(), size, spec.path("format").asText("cow"), "locked",
                    domain, spec.path("description").asText(null));
            disks.put(id, disk);
            content.put(id, new byte[0]);
            return json(201, disk);
        }
        ObjectNode disk = disks.get(p[1]);
        if (disk == null) {
            return fault(404, "Not Found", "");
        }
        if (method.equals("DELETE")) {
            boolean attached = attachments.values().stream().flatMap(List::stream)
                    .anyMatch(a -> a.path("id").asText().equals(p[1]));
            if (attached) {
                return fault(409, "Operation Failed", "[Cannot remove Virtual Disk. Disk is attached to a VM.]");
            }
            disks.remove(p[1]);
            content.remove(p[1]);
            return json(200, JSON.createObjectNode());
        }
        ResponseDefinition answer = json(200, disk);
        settle(disk, "locked", "ok");
        return answer;
    }

    private static ObjectNode disk(String id, String name, long size, String format, String status, String domain,
                                   String description) {
        ObjectNode disk = JSON.createObjectNode().put("href", API + "/disks/" + id).put("id", id).put("name", name)
                .put("alias", name).put("provisioned_size", Long.toString(size)).put("actual_size", "0")
                .put("format", format).put("sparse", Boolean.toString(format.equals("cow")))
                .put("status", status).put("content_type", "data").put("storage_type", "image")
                .put("shareable", "false").put("wipe_after_delete", "false");
        if (description != null) {
            disk.put("description", description);
        }
        disk.putObject("storage_domains").putArray("storage_domain").add(link("storagedomains", domain));
        return disk;
    }

    // ---- image transfers and image I/O --------------------------------------------------------------------

    private ResponseDefinition transfers(String method, String[] p, Request request, String base)
            throws IOException {
        if (p.length == 1 && method.equals("POST")) {
            JsonNode spec = JSON.readTree(request.getBodyAsString());
            String diskId = spec.path("disk").path("id").asText();
            ObjectNode disk = disks.get(diskId);
            if (disk == null) {
                return fault(404, "Not Found", "");
            }
            if (!disk.path("status").asText().equals("ok")) {
                return fault(409, "Operation Failed", "[Cannot transfer Virtual Disk. Disk is locked.]");
            }
            String id = UUID.randomUUID().toString();
            String ticket = UUID.randomUUID().toString();
            ObjectNode transfer = JSON.createObjectNode().put("href", API + "/imagetransfers/" + id).put("id", id)
                    .put("direction", spec.path("direction").asText("upload"))
                    .put("format", spec.path("format").asText("cow")).put("phase", "initializing")
                    .put("active", "false").put("inactivity_timeout", "60").put("shallow", "false")
                    .put("transfer_url", base + IMAGEIO + ticket).put("ticket", ticket);
            transfer.set("disk", link("disks", diskId));
            transfer.set("image", link("images", diskId));
            transfer.putObject("host").put("id", hosts.keySet().iterator().next());
            disk.put("status", "locked");
            transfers.put(id, transfer);
            return json(201, withoutTicket(transfer));
        }
        ObjectNode transfer = p.length > 1 ? transfers.get(p[1]) : null;
        if (transfer == null) {
            return fault(404, "Not Found", "");
        }
        String phase = transfer.path("phase").asText();
        if (p.length == 2 && method.equals("GET")) {
            ResponseDefinition answer = json(200, withoutTicket(transfer));
            switch (phase) {
                case "initializing" -> transfer.put("phase", "transferring");
                case "finalizing_success" -> end(transfer, "finished_success");
                case "finalizing_failure" -> end(transfer, "finished_failure");
                default -> { }
            }
            return answer;
        }
        if (p.length == 3 && method.equals("POST") && p[2].equals("finalize")) {
            if (phase.equals("transferring")) {
                transfer.put("phase", "finalizing_success");
            }
            return json(200, JSON.createObjectNode().put("status", "complete"));
        }
        if (p.length == 3 && method.equals("POST") && p[2].equals("cancel")) {
            if (!phase.startsWith("finished")) {
                transfer.put("phase", "finalizing_failure");
                if (transfer.path("direction").asText().equals("upload")) {
                    content.put(transfer.path("disk").path("id").asText(), new byte[0]);
                }
            }
            return json(200, JSON.createObjectNode().put("status", "complete"));
        }
        return fault(400, "Bad Request", "unsupported request on image transfer");
    }

    private void end(ObjectNode transfer, String phase) {
        transfer.put("phase", phase);
        ObjectNode disk = disks.get(transfer.path("disk").path("id").asText());
        if (disk != null) {
            disk.put("status", "ok");
            disk.put("actual_size", Integer.toString(content.get(disk.path("id").asText()).length));
        }
    }

    private static ObjectNode withoutTicket(ObjectNode transfer) {
        ObjectNode shown = transfer.deepCopy();
        shown.remove("ticket");
        return shown;
    }

    private ResponseDefinition imageio(String method, String ticket, Request request) {
        ObjectNode transfer = transfers.values().stream().filter(t -> t.path("ticket").asText().equals(ticket))
                .findFirst().orElse(null);
        if (transfer == null || !transfer.path("phase").asText().equals("transferring")) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(403)
                    .withBody("You are not allowed to access this resource: No such ticket " + ticket).build();
        }
        String diskId = transfer.path("disk").path("id").asText();
        String direction = transfer.path("direction").asText();
        if (method.equals("GET") && direction.equals("download")) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                    .withHeader("Content-Type", "application/octet-stream").withBody(content.get(diskId)).build();
        }
        if (method.equals("PUT") && direction.equals("upload")) {
            content.put(diskId, request.getBody());
            return ResponseDefinitionBuilder.responseDefinition().withStatus(200).build();
        }
        return ResponseDefinitionBuilder.responseDefinition().withStatus(405).build();
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static void settle(ObjectNode item, String from, String to) {
        if (item.path("status").asText().equals(from)) {
            item.put("status", to);
        }
    }

    private static List<ObjectNode> byName(Map<String, ObjectNode> items, String search) {
        if (search == null) {
            return List.copyOf(items.values());
        }
        if (!search.startsWith("name=")) {
            throw new IllegalArgumentException("the fake searches by name only: " + search);
        }
        String name = search.substring("name=".length());
        return items.values().stream().filter(i -> i.path("name").asText().equals(name)).toList();
    }

    private static String query(Request request, String name) {
        QueryParameter parameter = request.queryParameter(name);
        return parameter != null && parameter.isPresent() ? parameter.firstValue() : null;
    }

    private static ObjectNode link(String collection, String id) {
        return JSON.createObjectNode().put("href", API + "/" + collection + "/" + id).put("id", id);
    }

    private static Map<String, ObjectNode> load(String file, String type) {
        Map<String, ObjectNode> items = new LinkedHashMap<>();
        read(file).path(type).forEach(n -> items.put(n.path("id").asText(), (ObjectNode) n));
        return items;
    }

    private static ObjectNode read(String file) {
        try (InputStream in = OvirtFake.class.getResourceAsStream("/ovirt/" + file + ".json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] pattern(int size, int seed) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 31 + seed);
        }
        return data;
    }

    private static ResponseDefinition list(String type, Collection<ObjectNode> items) {
        ObjectNode body = JSON.createObjectNode();
        if (!items.isEmpty()) {
            // The engine leaves an empty collection out altogether: {}.
            ArrayNode array = body.putArray(type);
            items.forEach(array::add);
        }
        return json(200, body);
    }

    static ResponseDefinition json(int status, JsonNode body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body.toString()).build();
    }

    static ResponseDefinition fault(int status, String reason, String detail) {
        return json(status, JSON.createObjectNode().put("reason", reason).put("detail", detail));
    }
}
