package io.skyfed.drivers.google;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.skyfed.drivers.fakes.StatefulFake;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A stateful Google Compute Engine behind WireMock: the OAuth 2.0 token endpoint (JWT bearer grant, RS256 checked
 * against the service account's public key) and the Compute API v1 resources the google driver uses, answered with
 * the JSON of the Compute Engine REST reference (zones, machineTypes, images, instances, disks, snapshots,
 * projects, regions with quotas, zone and global operations). Operations finish on their second read; instances
 * move PROVISIONING → STAGING → RUNNING and STOPPING → TERMINATED one step per read. Inserts honour
 * {@code requestId}: a repeated request gets the first one's operation and changes nothing.
 */
final class GceFake extends StatefulFake {

    static final String NAME = "gce-fake";
    static final String PROJECT = GoogleTestKey.PROJECT;
    static final String REGION = "us-central1";
    static final String STAMP = "2026-11-26T04:00:00.000-08:00";
    private static final String PREFIX = "/compute/v1/projects/";
    private int page = 4;
    private int instancePages;
    private int diskPages;

    private final PublicKey serviceAccountKey;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<String, JsonObject>> instances = new LinkedHashMap<>();
    private final Map<String, Map<String, JsonObject>> disks = new LinkedHashMap<>();
    private final Map<String, JsonObject> snapshots = new LinkedHashMap<>();
    private final Map<String, JsonObject> images = new LinkedHashMap<>();
    private final Map<String, JsonObject> firewalls = new LinkedHashMap<>();
    private final Map<String, JsonObject> operations = new HashMap<>();
    private final Map<String, String> requestIds = new HashMap<>();
    private final Set<String> answersToLose = new HashSet<>();
    private final AtomicInteger ids = new AtomicInteger(1000);
    private final AtomicInteger instanceInserts = new AtomicInteger();
    private String sshKeys = "ops:ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC7 ops";
    private int metadataFingerprint = 1;
    private String base;
    private BiFunction<String, String, byte[]> storageObjects = (bucket, object) -> null;
    private final Map<String, String> importedDigests = new HashMap<>();

    GceFake(PublicKey serviceAccountKey) {
        super(NAME);
        this.serviceAccountKey = serviceAccountKey;
        for (String zone : List.of("us-central1-a", "us-central1-b", "europe-west1-b")) {
            instances.put(zone, new LinkedHashMap<>());
            disks.put(zone, new LinkedHashMap<>());
        }
        JsonObject image = new JsonObject();
        image.addProperty("kind", "compute#image");
        image.addProperty("id", "4812371198374619876");
        image.addProperty("creationTimestamp", STAMP);
        image.addProperty("name", "skyfed-base");
        image.addProperty("description", "Debian 12 with the Skyfed agent");
        image.addProperty("sourceType", "RAW");
        image.addProperty("status", "READY");
        image.addProperty("archiveSizeBytes", "1073741824");
        image.addProperty("diskSizeGb", "10");
        image.addProperty("architecture", "X86_64");
        images.put("skyfed-base", image);
        firewalls.put("allow-web", seedFirewall("allow-web", List.of("web")));
        firewalls.put("allow-internal", seedFirewall("allow-internal", List.of()));
        JsonObject web = instance("web-1", "us-central1-a", "e2-small", "skyfed-base", null);
        web.addProperty("status", "RUNNING");
        instances.get("us-central1-a").put("web-1", web);
        disks.get("us-central1-a").put("data-1", disk("data-1", "us-central1-a", 10, null, "nightly data"));
        JsonObject snapshot = new JsonObject();
        snapshot.addProperty("name", "nightly-1");
        snapshot.addProperty("diskSizeGb", "10");
        snapshot.addProperty("status", "READY");
        snapshot.addProperty("description", "nightly");
        snapshot.addProperty("sourceDisk", "zones/us-central1-a/disks/data-1");
        snapshot.addProperty("sourceDiskId", "7001");
        snapshot.addProperty("storageBytes", "1073741824");
        snapshot.addProperty("creationTimestamp", STAMP);
        snapshot.addProperty("id", "5001");
        snapshots.put("nightly-1", snapshot);
    }

    /** Where images.insert reads its rawDisk.source (bucket, object → content or null): Cloud Storage's fake. */
    synchronized void storage(BiFunction<String, String, byte[]> objects) {
        this.storageObjects = objects;
    }

    /** The SHA-256 of the archive an image was imported from, as images.insert read it. */
    synchronized String importedDigest(String image) {
        return importedDigests.get(image);
    }

    synchronized boolean hasImage(String name) {
        return images.containsKey(name);
    }

    /** Adds instances as another client would have made them, in {@code status}. */
    synchronized void seed(String zone, String prefix, int count, String status) {
        for (int n = 0; n < count; n++) {
            JsonObject instance = instance(prefix + n, zone, "e2-medium", "skyfed-base", null);
            instance.addProperty("status", status);
            instances.get(zone).put(prefix + n, instance);
        }
    }

    /** Instance lists answer at most {@code size} items per page from now on. */
    synchronized void pageSize(int size) {
        page = size;
    }

    /** How many pages of instance lists were served. */
    synchronized int instancePages() {
        return instancePages;
    }

    synchronized void remove(String zone, String prefix) {
        instances.get(zone).keySet().removeIf(name -> name.startsWith(prefix));
    }

    /** How many instances inserts really created (a repeated requestId creates none). */
    synchronized int instanceInserts() {
        return instanceInserts.get();
    }

    /** The next call named {@code method} (e.g. {@code Instances:insert}) is carried out, but its answer is lost. */
    synchronized void loseNextAnswerTo(String method) {
        answersToLose.add(method);
    }

    /** Whether a bearer token is one the token endpoint issued (Cloud Storage accepts the same tokens). */
    boolean issued(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ")
                && tokens.contains(authorization.substring(7));
    }

    synchronized int instanceCount() {
        return instances.values().stream().mapToInt(Map::size).sum();
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        URI url = URI.create(request.getAbsoluteUrl());
        base = url.getScheme() + "://" + url.getAuthority() + PREFIX + PROJECT;
        String path = url.getRawPath();
        if (path.equals("/token")) {
            return token(request);
        }
        if (!issued(request.getHeader("Authorization"))) {
            return error(401, "authError", "Request had invalid authentication credentials.");
        }
        if (!path.startsWith(PREFIX)) {
            return error(404, "notFound", "The requested URL " + path + " was not found.");
        }
        String[] p = path.substring(PREFIX.length()).split("/");
        Map<String, String> query = query(url.getRawQuery());
        String method = request.getMethod().getName();
        try {
            Answer answer = route(p, method, query, request.getBodyAsString());
            if (answersToLose.remove(answer.name)) {
                return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            }
            return json(200, answer.body);
        } catch (GceError e) {
            return error(e.status, e.reason, e.getMessage());
        }
    }

    private record Answer(String name, JsonObject body) {
    }

    private Answer route(String[] p, String method, Map<String, String> query, String body) {
        String project = p[0];
        if (p.length == 3 && p[1].equals("global") && p[2].equals("images") && method.equals("POST")
                && project.equals(PROJECT)) {
            String requestId = query.get("requestId");
            if (requestId != null && requestIds.containsKey(requestId)) {
                return new Answer("Images:insert", operationView(operations.get(requestIds.get(requestId))));
            }
            JsonObject op = insertImage(parse(body));
            if (requestId != null) {
                requestIds.put(requestId, op.get("name").getAsString());
            }
            return new Answer("Images:insert", op);
        }
        if (p.length == 4 && p[1].equals("global") && p[2].equals("images") && method.equals("DELETE")
                && project.equals(PROJECT)) {
            required(images.remove(p[3]), "image", p[3]);
            return new Answer("Images:delete", operation("delete", "global/images/" + p[3], null));
        }
        if (p.length == 3 && p[1].equals("global") && p[2].equals("images")) {
            return new Answer("Images:list", list("compute#imageList", project.equals(PROJECT)
                    ? images.values().stream().map(this::imageView).toList() : List.of()));
        }
        if (p.length == 4 && p[1].equals("global") && p[2].equals("images")) {
            JsonObject image = project.equals(PROJECT) ? images.get(p[3]) : null;
            return new Answer("Images:get", imageView(required(image, "image", p[3])));
        }
        if (!project.equals(PROJECT)) {
            throw new GceError(403, "forbidden", "Required 'compute.projects.get' permission for 'projects/"
                    + project + "'");
        }
        if (p.length == 1 && method.equals("GET")) {
            return new Answer("Projects:get", project());
        }
        if (p.length == 2 && p[1].equals("setCommonInstanceMetadata")) {
            return new Answer("Projects:setCommonInstanceMetadata", setMetadata(parse(body)));
        }
        if (p.length == 3 && p[1].equals("regions")) {
            return new Answer("Regions:get", region(p[2]));
        }
        if (p.length == 4 && p[1].equals("global") && p[2].equals("operations")
                || p.length == 5 && p[1].equals("zones") && p[3].equals("operations")) {
            return new Answer("Operations:get", operation(p[p.length - 1]));
        }
        if (p.length == 3 && p[1].equals("global") && p[2].equals("snapshots")) {
            return new Answer("Snapshots:list", list("compute#snapshotList",
                    snapshots.values().stream().map(this::snapshotView).toList()));
        }
        if (p.length == 4 && p[1].equals("global") && p[2].equals("snapshots")) {
            JsonObject snapshot = required(snapshots.get(p[3]), "snapshot", p[3]);
            if (method.equals("DELETE")) {
                snapshots.remove(p[3]);
                return new Answer("Snapshots:delete", operation("delete", "global/snapshots/" + p[3], null));
            }
            return new Answer("Snapshots:get", snapshotView(snapshot));
        }
        if (p.length == 3 && p[1].equals("global") && p[2].equals("firewalls")) {
            if (method.equals("POST")) {
                String requestId = query.get("requestId");
                if (requestId != null && requestIds.containsKey(requestId)) {
                    return new Answer("Firewalls:insert", operationView(operations.get(requestIds.get(requestId))));
                }
                JsonObject op = insertFirewall(parse(body));
                if (requestId != null) {
                    requestIds.put(requestId, op.get("name").getAsString());
                }
                return new Answer("Firewalls:insert", op);
            }
            return new Answer("Firewalls:list", list("compute#firewallList", firewalls.values().stream()
                    .map(this::firewallView).toList()));
        }
        if (p.length == 4 && p[1].equals("global") && p[2].equals("firewalls")) {
            JsonObject firewall = required(firewalls.get(p[3]), "firewall", "projects/" + PROJECT
                    + "/global/firewalls/" + p[3]);
            if (method.equals("DELETE")) {
                firewalls.remove(p[3]);
                return new Answer("Firewalls:delete", operation("delete", "global/firewalls/" + p[3], null));
            }
            return new Answer("Firewalls:get", firewallView(firewall));
        }
        if (p.length == 2 && p[1].equals("zones")) {
            return new Answer("Zones:list", list("compute#zoneList", instances.keySet().stream().map(this::zone)
                    .toList()));
        }
        if (p.length < 4 || !p[1].equals("zones") || !instances.containsKey(p[2])) {
            throw new GceError(404, "notFound", "The resource '" + String.join("/", p) + "' was not found");
        }
        String zone = p[2];
        return switch (p[3]) {
            case "machineTypes" -> new Answer("MachineTypes:list", list("compute#machineTypeList",
                    List.of(machineType(zone, "e2-medium", 2, 4096), machineType(zone, "e2-small", 2, 2048),
                            machineType(zone, "n2-standard-4", 4, 16384))));
            case "instances" -> instances(zone, p, method, query, body);
            case "disks" -> disks(zone, p, method, query, body);
            default -> throw new GceError(404, "notFound", "The resource '" + p[3] + "' was not found");
        };
    }

    // ---- instances ------------------------------------------------------------------------------------------

    private Answer instances(String zone, String[] p, String method, Map<String, String> query, String body) {
        Map<String, JsonObject> inZone = instances.get(zone);
        if (p.length == 4 && method.equals("GET")) {
            instancePages++;
            return new Answer("Instances:list", page("compute#instanceList",
                    inZone.values().stream().map(i -> instanceView(zone, i)).toList(), query));
        }
        if (p.length == 4 && method.equals("POST")) {
            String requestId = query.get("requestId");
            if (requestId != null && requestIds.containsKey(requestId)) {
                return new Answer("Instances:insert", operationView(operations.get(requestIds.get(requestId))));
            }
            JsonObject op = insertInstance(zone, parse(body));
            if (requestId != null) {
                requestIds.put(requestId, op.get("name").getAsString());
            }
            return new Answer("Instances:insert", op);
        }
        String name = p[4];
        JsonObject instance = required(inZone.get(name), "instance", "projects/" + PROJECT + "/zones/" + zone
                + "/instances/" + name);
        String target = "zones/" + zone + "/instances/" + name;
        if (p.length == 5 && method.equals("GET")) {
            JsonObject view = instanceView(zone, instance);
            advance(instance);
            return new Answer("Instances:get", view);
        }
        if (p.length == 5 && method.equals("DELETE")) {
            inZone.remove(name);
            return new Answer("Instances:delete", operation("delete", target, zone));
        }
        String status = instance.get("status").getAsString();
        switch (p[5]) {
            case "start" -> {
                if (status.equals("TERMINATED")) {
                    instance.addProperty("status", "STAGING");
                }
                return new Answer("Instances:start", operation("start", target, zone));
            }
            case "stop" -> {
                if (status.equals("RUNNING")) {
                    instance.addProperty("status", "STOPPING");
                }
                return new Answer("Instances:stop", operation("stop", target, zone));
            }
            case "reset" -> {
                return new Answer("Instances:reset", operation("reset", target, zone));
            }
            case "attachDisk" -> {
                JsonObject attach = parse(body);
                String diskName = last(attach.get("source").getAsString());
                JsonObject disk = required(disks.get(zone).get(diskName), "disk", diskName);
                if (attachedTo(diskName) != null) {
                    throw new GceError(400, "resourceInUseByAnotherResource", "The disk resource '" + diskName
                            + "' is already being used by '" + attachedTo(diskName) + "'");
                }
                JsonObject attached = new JsonObject();
                attached.addProperty("kind", "compute#attachedDisk");
                attached.addProperty("type", "PERSISTENT");
                attached.addProperty("mode", "READ_WRITE");
                attached.addProperty("source", base + "/zones/" + zone + "/disks/" + disk.get("name").getAsString());
                attached.addProperty("deviceName", attach.has("deviceName") ? attach.get("deviceName").getAsString()
                        : diskName);
                attached.addProperty("index", instance.getAsJsonArray("disks").size());
                attached.addProperty("boot", false);
                attached.addProperty("autoDelete", false);
                instance.getAsJsonArray("disks").add(attached);
                return new Answer("Instances:attachDisk", operation("attachDisk", target, zone));
            }
            case "detachDisk" -> {
                JsonArray attached = instance.getAsJsonArray("disks");
                String device = query.get("deviceName");
                for (int i = 0; i < attached.size(); i++) {
                    if (device != null && device.equals(attached.get(i).getAsJsonObject().get("deviceName")
                            .getAsString())) {
                        attached.remove(i);
                        return new Answer("Instances:detachDisk", operation("detachDisk", target, zone));
                    }
                }
                throw new GceError(400, "invalid", "No attached disk found with device name '" + device + "'");
            }
            default -> throw new GceError(400, "invalid", "Unknown method " + p[5]);
        }
    }

    private JsonObject insertInstance(String zone, JsonObject body) {
        String name = body.get("name").getAsString();
        if (instances.get(zone).containsKey(name)) {
            throw new GceError(409, "alreadyExists", "The resource 'projects/" + PROJECT + "/zones/" + zone
                    + "/instances/" + name + "' already exists");
        }
        String machineType = last(body.get("machineType").getAsString());
        if (!List.of("e2-small", "e2-medium", "n2-standard-4").contains(machineType)) {
            throw new GceError(400, "invalid", "Invalid value for field 'resource.machineType'");
        }
        String sourceImage = body.getAsJsonArray("disks").get(0).getAsJsonObject()
                .getAsJsonObject("initializeParams").get("sourceImage").getAsString();
        if (!images.containsKey(last(sourceImage))) {
            throw new GceError(404, "notFound", "The resource '" + sourceImage + "' was not found");
        }
        JsonObject instance = instance(name, zone, machineType, last(sourceImage), body.getAsJsonObject("metadata"));
        if (body.has("tags")) {
            JsonObject tags = body.getAsJsonObject("tags").deepCopy();
            tags.addProperty("fingerprint", "42WmSpB8rSM=");
            instance.add("tags", tags);
        }
        instances.get(zone).put(name, instance);
        instanceInserts.incrementAndGet();
        return operation("insert", "zones/" + zone + "/instances/" + name, zone);
    }

    /**
     * images.insert from rawDisk.source ({@code <storage>/<bucket>/<object>}): the image is recorded at once; an
     * object that does not exist makes the operation end in error and leaves the image FAILED, as GCE does.
     */
    private JsonObject insertImage(JsonObject body) {
        String name = body.get("name").getAsString();
        if (images.containsKey(name)) {
            throw new GceError(409, "alreadyExists", "The resource 'projects/" + PROJECT + "/global/images/" + name
                    + "' already exists");
        }
        String[] source = URI.create(body.getAsJsonObject("rawDisk").get("source").getAsString()).getPath()
                .substring(1).split("/", 2);
        byte[] archive = source.length == 2 ? storageObjects.apply(source[0], source[1]) : null;
        boolean found = archive != null;
        JsonObject image = new JsonObject();
        if (found) {
            importedDigests.put(name, sha256(archive));
            image.addProperty("archiveSizeBytes", Long.toString(archive.length));
        }
        image.addProperty("kind", "compute#image");
        image.addProperty("id", Integer.toString(ids.incrementAndGet()));
        image.addProperty("creationTimestamp", STAMP);
        image.addProperty("name", name);
        image.addProperty("sourceType", "RAW");
        image.add("rawDisk", body.getAsJsonObject("rawDisk").deepCopy());
        image.addProperty("status", found ? "READY" : "FAILED");
        image.addProperty("architecture", body.has("architecture") ? body.get("architecture").getAsString()
                : "X86_64");
        images.put(name, image);
        JsonObject op = operation("insert", "global/images/" + name, null);
        if (!found) {
            JsonObject stored = operations.get(op.get("name").getAsString());
            JsonObject entry = new JsonObject();
            entry.addProperty("code", "RESOURCE_NOT_FOUND");
            entry.addProperty("message", "The resource '" + body.getAsJsonObject("rawDisk").get("source")
                    .getAsString() + "' was not found");
            JsonArray errors = new JsonArray();
            errors.add(entry);
            JsonObject error = new JsonObject();
            error.add("errors", errors);
            stored.add("error", error);
            stored.addProperty("httpErrorStatusCode", 404);
            stored.addProperty("httpErrorMessage", "NOT FOUND");
        }
        return op;
    }

    private JsonObject instance(String name, String zone, String machineType, String image, JsonObject metadata) {
        JsonObject i = new JsonObject();
        i.addProperty("kind", "compute#instance");
        i.addProperty("id", Integer.toString(ids.incrementAndGet()));
        i.addProperty("creationTimestamp", STAMP);
        i.addProperty("name", name);
        i.addProperty("machineType", "zones/" + zone + "/machineTypes/" + machineType);
        i.addProperty("status", "PROVISIONING");
        i.addProperty("zone", zone);
        int n = ids.get() % 250;
        JsonObject nat = new JsonObject();
        nat.addProperty("kind", "compute#accessConfig");
        nat.addProperty("type", "ONE_TO_ONE_NAT");
        nat.addProperty("name", "External NAT");
        nat.addProperty("natIP", "34.66.10." + n);
        JsonArray access = new JsonArray();
        access.add(nat);
        JsonObject nic = new JsonObject();
        nic.addProperty("kind", "compute#networkInterface");
        nic.addProperty("network", "global/networks/default");
        nic.addProperty("networkIP", "10.128.0." + n);
        nic.addProperty("name", "nic0");
        nic.add("accessConfigs", access);
        JsonArray nics = new JsonArray();
        nics.add(nic);
        i.add("networkInterfaces", nics);
        JsonObject boot = new JsonObject();
        boot.addProperty("kind", "compute#attachedDisk");
        boot.addProperty("type", "PERSISTENT");
        boot.addProperty("mode", "READ_WRITE");
        boot.addProperty("source", "zones/" + zone + "/disks/" + name);
        boot.addProperty("deviceName", "persistent-disk-0");
        boot.addProperty("index", 0);
        boot.addProperty("boot", true);
        boot.addProperty("autoDelete", true);
        JsonArray attached = new JsonArray();
        attached.add(boot);
        i.add("disks", attached);
        JsonObject meta = metadata == null ? new JsonObject() : metadata.deepCopy();
        meta.addProperty("kind", "compute#metadata");
        meta.addProperty("fingerprint", "zhjFAiXlYhQ=");
        i.add("metadata", meta);
        JsonObject scheduling = new JsonObject();
        scheduling.addProperty("onHostMaintenance", "MIGRATE");
        scheduling.addProperty("automaticRestart", true);
        scheduling.addProperty("preemptible", false);
        i.add("scheduling", scheduling);
        return i;
    }

    private static void advance(JsonObject instance) {
        String next = switch (instance.get("status").getAsString()) {
            case "PROVISIONING" -> "STAGING";
            case "STAGING" -> "RUNNING";
            case "STOPPING" -> "TERMINATED";
            default -> null;
        };
        if (next != null) {
            instance.addProperty("status", next);
        }
    }

    /** Full URLs where the stored resource keeps paths relative to the project. */
    private JsonObject instanceView(String zone, JsonObject stored) {
        JsonObject i = stored.deepCopy();
        i.addProperty("selfLink", base + "/zones/" + zone + "/instances/" + i.get("name").getAsString());
        i.addProperty("zone", base + "/zones/" + zone);
        i.addProperty("machineType", base + "/" + i.get("machineType").getAsString());
        for (JsonElement nic : i.getAsJsonArray("networkInterfaces")) {
            nic.getAsJsonObject().addProperty("network", base + "/global/networks/default");
        }
        for (JsonElement disk : i.getAsJsonArray("disks")) {
            String source = disk.getAsJsonObject().get("source").getAsString();
            disk.getAsJsonObject().addProperty("source", source.startsWith("http") ? source : base + "/" + source);
        }
        return i;
    }

    private String attachedTo(String diskName) {
        for (Map<String, JsonObject> zone : instances.values()) {
            for (JsonObject instance : zone.values()) {
                for (JsonElement disk : instance.getAsJsonArray("disks")) {
                    if (last(disk.getAsJsonObject().get("source").getAsString()).equals(diskName)
                            && !disk.getAsJsonObject().get("boot").getAsBoolean()) {
                        return instance.get("name").getAsString();
                    }
                }
            }
        }
        return null;
    }

    // ---- disks and snapshots --------------------------------------------------------------------------------

    /** A page of {@code page} items from {@code pageToken} on, with the next page's token while more remain. */
    private JsonObject page(String kind, List<JsonObject> all, Map<String, String> query) {
        int from = query.containsKey("pageToken") ? Integer.parseInt(query.get("pageToken")) : 0;
        JsonObject answer = list(kind, all.subList(from, Math.min(all.size(), from + page)));
        if (from + page < all.size()) {
            answer.addProperty("nextPageToken", Integer.toString(from + page));
        }
        return answer;
    }

    /** How many pages of disk lists were served. */
    synchronized int diskPages() {
        return diskPages;
    }

    private Answer disks(String zone, String[] p, String method, Map<String, String> query, String body) {
        Map<String, JsonObject> inZone = disks.get(zone);
        if (p.length == 4 && method.equals("GET")) {
            diskPages++;
            return new Answer("Disks:list", page("compute#diskList",
                    inZone.values().stream().map(d -> diskView(zone, d)).toList(), query));
        }
        if (p.length == 4 && method.equals("POST")) {
            JsonObject request = parse(body);
            String name = request.get("name").getAsString();
            if (inZone.containsKey(name)) {
                throw new GceError(409, "alreadyExists", "The resource 'projects/" + PROJECT + "/zones/" + zone
                        + "/disks/" + name + "' already exists");
            }
            String snapshot = request.has("sourceSnapshot") ? last(request.get("sourceSnapshot").getAsString()) : null;
            if (snapshot != null && !snapshots.containsKey(snapshot)) {
                throw new GceError(404, "notFound", "The resource 'global/snapshots/" + snapshot + "' was not found");
            }
            int size = request.has("sizeGb") ? request.get("sizeGb").getAsInt()
                    : snapshots.get(snapshot).get("diskSizeGb").getAsInt();
            inZone.put(name, disk(name, zone, size, snapshot,
                    request.has("description") ? request.get("description").getAsString() : null));
            return new Answer("Disks:insert", operation("insert", "zones/" + zone + "/disks/" + name, zone));
        }
        String name = p[4];
        JsonObject disk = required(inZone.get(name), "disk", "projects/" + PROJECT + "/zones/" + zone + "/disks/"
                + name);
        if (p.length == 5 && method.equals("GET")) {
            return new Answer("Disks:get", diskView(zone, disk));
        }
        if (p.length == 5 && method.equals("DELETE")) {
            if (attachedTo(name) != null) {
                throw new GceError(400, "resourceInUseByAnotherResource", "The disk resource '" + name
                        + "' is already being used by '" + attachedTo(name) + "'");
            }
            inZone.remove(name);
            return new Answer("Disks:delete", operation("delete", "zones/" + zone + "/disks/" + name, zone));
        }
        if (p.length == 6 && p[5].equals("createSnapshot")) {
            JsonObject request = parse(body);
            String snapshotName = request.get("name").getAsString();
            if (snapshots.containsKey(snapshotName)) {
                throw new GceError(409, "alreadyExists", "The resource 'projects/" + PROJECT
                        + "/global/snapshots/" + snapshotName + "' already exists");
            }
            JsonObject snapshot = new JsonObject();
            snapshot.addProperty("id", Integer.toString(ids.incrementAndGet()));
            snapshot.addProperty("creationTimestamp", STAMP);
            snapshot.addProperty("name", snapshotName);
            snapshot.addProperty("description", request.has("description")
                    ? request.get("description").getAsString() : "");
            snapshot.addProperty("diskSizeGb", disk.get("sizeGb").getAsString());
            snapshot.addProperty("status", "READY");
            snapshot.addProperty("sourceDisk", "zones/" + zone + "/disks/" + name);
            snapshot.addProperty("sourceDiskId", disk.get("id").getAsString());
            snapshot.addProperty("storageBytes", "0");
            snapshots.put(snapshotName, snapshot);
            return new Answer("Disks:createSnapshot", operation("createSnapshot", "zones/" + zone + "/disks/" + name,
                    zone));
        }
        throw new GceError(400, "invalid", "Unknown disk method");
    }

    private JsonObject disk(String name, String zone, int sizeGb, String snapshot, String description) {
        JsonObject d = new JsonObject();
        d.addProperty("kind", "compute#disk");
        d.addProperty("id", Integer.toString(ids.incrementAndGet()));
        d.addProperty("creationTimestamp", STAMP);
        d.addProperty("name", name);
        if (description != null) {
            d.addProperty("description", description);
        }
        d.addProperty("sizeGb", Integer.toString(sizeGb));
        d.addProperty("zone", zone);
        d.addProperty("status", "READY");
        d.addProperty("type", "zones/" + zone + "/diskTypes/pd-balanced");
        if (snapshot != null) {
            d.addProperty("sourceSnapshot", "global/snapshots/" + snapshot);
            d.addProperty("sourceSnapshotId", snapshots.get(snapshot).get("id").getAsString());
        }
        return d;
    }

    private JsonObject diskView(String zone, JsonObject stored) {
        JsonObject d = stored.deepCopy();
        d.addProperty("selfLink", base + "/zones/" + zone + "/disks/" + d.get("name").getAsString());
        d.addProperty("zone", base + "/zones/" + zone);
        d.addProperty("type", base + "/" + d.get("type").getAsString());
        if (d.has("sourceSnapshot")) {
            d.addProperty("sourceSnapshot", base + "/" + d.get("sourceSnapshot").getAsString());
        }
        String user = attachedTo(d.get("name").getAsString());
        if (user != null) {
            JsonArray users = new JsonArray();
            users.add(base + "/zones/" + zone + "/instances/" + user);
            d.add("users", users);
        }
        return d;
    }

    private JsonObject snapshotView(JsonObject stored) {
        JsonObject s = stored.deepCopy();
        s.addProperty("kind", "compute#snapshot");
        s.addProperty("selfLink", base + "/global/snapshots/" + s.get("name").getAsString());
        s.addProperty("sourceDisk", base + "/" + s.get("sourceDisk").getAsString());
        return s;
    }

    private JsonObject imageView(JsonObject stored) {
        JsonObject i = stored.deepCopy();
        i.addProperty("selfLink", base + "/global/images/" + i.get("name").getAsString());
        return i;
    }

    // ---- project, regions, zones, machine types -------------------------------------------------------------

    private JsonObject project() {
        JsonObject project = new JsonObject();
        project.addProperty("kind", "compute#project");
        project.addProperty("id", "328417582932");
        project.addProperty("creationTimestamp", STAMP);
        project.addProperty("name", PROJECT);
        project.addProperty("selfLink", base);
        project.add("commonInstanceMetadata", commonMetadata());
        project.add("quotas", new JsonArray());
        return project;
    }

    private JsonObject commonMetadata() {
        JsonObject metadata = new JsonObject();
        metadata.addProperty("kind", "compute#metadata");
        metadata.addProperty("fingerprint", "fp" + metadataFingerprint);
        JsonArray items = new JsonArray();
        if (!sshKeys.isEmpty()) {
            JsonObject item = new JsonObject();
            item.addProperty("key", "ssh-keys");
            item.addProperty("value", sshKeys);
            items.add(item);
        }
        metadata.add("items", items);
        return metadata;
    }

    private JsonObject setMetadata(JsonObject metadata) {
        if (!metadata.has("fingerprint") || !("fp" + metadataFingerprint).equals(metadata.get("fingerprint")
                .getAsString())) {
            throw new GceError(412, "conditionNotMet", "Supplied fingerprint does not match current metadata "
                    + "fingerprint.");
        }
        String keys = "";
        for (JsonElement item : metadata.has("items") ? metadata.getAsJsonArray("items") : new JsonArray()) {
            if (item.getAsJsonObject().get("key").getAsString().equals("ssh-keys")) {
                keys = item.getAsJsonObject().get("value").getAsString();
            }
        }
        sshKeys = keys;
        metadataFingerprint++;
        return operation("setMetadata", "", null);
    }

    /** firewalls.insert: names are unique in the project; a rule allows or denies, never neither. */
    private JsonObject insertFirewall(JsonObject body) {
        String name = body.get("name").getAsString();
        if (firewalls.containsKey(name)) {
            throw new GceError(409, "alreadyExists", "The resource 'projects/" + PROJECT + "/global/firewalls/"
                    + name + "' already exists");
        }
        if (!body.has("allowed") && !body.has("denied")) {
            throw new GceError(400, "invalid", "Invalid value for field 'resource.allowed': ''. At least one "
                    + "allowed or denied rule is required.");
        }
        JsonObject firewall = body.deepCopy();
        firewall.addProperty("kind", "compute#firewall");
        firewall.addProperty("id", Integer.toString(ids.incrementAndGet()));
        firewall.addProperty("creationTimestamp", STAMP);
        if (!firewall.has("priority")) {
            firewall.addProperty("priority", 1000);
        }
        firewalls.put(name, firewall);
        return operation("insert", "global/firewalls/" + name, null);
    }

    /** Two firewalls of the default network: one for instances tagged "web", one for every instance. */
    private JsonObject seedFirewall(String name, List<String> targetTags) {
        JsonObject firewall = new JsonObject();
        firewall.addProperty("kind", "compute#firewall");
        firewall.addProperty("id", Integer.toString(name.length() + 7000));
        firewall.addProperty("creationTimestamp", STAMP);
        firewall.addProperty("name", name);
        firewall.addProperty("priority", 1000);
        firewall.addProperty("direction", "INGRESS");
        JsonArray ranges = new JsonArray();
        ranges.add(name.equals("allow-web") ? "0.0.0.0/0" : "10.128.0.0/9");
        firewall.add("sourceRanges", ranges);
        JsonArray tags = new JsonArray();
        targetTags.forEach(tags::add);
        firewall.add("targetTags", tags);
        JsonObject rule = new JsonObject();
        rule.addProperty("IPProtocol", "tcp");
        JsonArray ports = new JsonArray();
        ports.add(name.equals("allow-web") ? "80" : "0-65535");
        rule.add("ports", ports);
        JsonArray allowed = new JsonArray();
        allowed.add(rule);
        firewall.add("allowed", allowed);
        return firewall;
    }

    private JsonObject firewallView(JsonObject stored) {
        JsonObject f = stored.deepCopy();
        f.addProperty("selfLink", base + "/global/firewalls/" + f.get("name").getAsString());
        f.addProperty("network", base + "/global/networks/default");
        return f;
    }

    private JsonObject region(String name) {
        if (!name.equals(REGION)) {
            throw new GceError(404, "notFound", "The resource 'projects/" + PROJECT + "/regions/" + name
                    + "' was not found");
        }
        JsonObject region = new JsonObject();
        region.addProperty("kind", "compute#region");
        region.addProperty("id", "1000");
        region.addProperty("creationTimestamp", STAMP);
        region.addProperty("name", REGION);
        region.addProperty("description", REGION);
        region.addProperty("status", "UP");
        region.addProperty("selfLink", base + "/regions/" + REGION);
        JsonArray zones = new JsonArray();
        zones.add(base + "/zones/us-central1-a");
        zones.add(base + "/zones/us-central1-b");
        region.add("zones", zones);
        long cpus = instances.values().stream().flatMap(z -> z.values().stream()).filter(i -> i.get("zone")
                .getAsString().startsWith(REGION)).count() * 2;
        JsonArray quotas = new JsonArray();
        quotas.add(quota("CPUS", 24, cpus));
        quotas.add(quota("DISKS_TOTAL_GB", 4096, 10));
        quotas.add(quota("IN_USE_ADDRESSES", 8, cpus / 2));
        quotas.add(quota("INSTANCES", 24, cpus / 2));
        quotas.add(quota("SSD_TOTAL_GB", 500, 0));
        region.add("quotas", quotas);
        return region;
    }

    private static JsonObject quota(String metric, double limit, double usage) {
        JsonObject quota = new JsonObject();
        quota.addProperty("metric", metric);
        quota.addProperty("limit", limit);
        quota.addProperty("usage", usage);
        return quota;
    }

    private JsonObject zone(String name) {
        JsonObject zone = new JsonObject();
        zone.addProperty("kind", "compute#zone");
        zone.addProperty("id", Integer.toString(2000 + name.hashCode() % 100));
        zone.addProperty("creationTimestamp", STAMP);
        zone.addProperty("name", name);
        zone.addProperty("description", name);
        zone.addProperty("status", "UP");
        zone.addProperty("region", base + "/regions/" + name.substring(0, name.lastIndexOf('-')));
        zone.addProperty("selfLink", base + "/zones/" + name);
        return zone;
    }

    private JsonObject machineType(String zone, String name, int cpus, int memoryMb) {
        JsonObject type = new JsonObject();
        type.addProperty("kind", "compute#machineType");
        type.addProperty("id", Integer.toString(300 + cpus * 10 + memoryMb / 1024));
        type.addProperty("creationTimestamp", STAMP);
        type.addProperty("name", name);
        type.addProperty("description", cpus + " vCPUs, " + memoryMb / 1024 + " GB RAM");
        type.addProperty("guestCpus", cpus);
        type.addProperty("memoryMb", memoryMb);
        type.addProperty("imageSpaceGb", 0);
        type.addProperty("maximumPersistentDisks", 128);
        type.addProperty("maximumPersistentDisksSizeGb", "263168");
        type.addProperty("zone", zone);
        type.addProperty("selfLink", base + "/zones/" + zone + "/machineTypes/" + name);
        type.addProperty("isSharedCpu", false);
        return type;
    }

    // ---- operations -----------------------------------------------------------------------------------------

    private JsonObject operation(String type, String target, String zone) {
        String name = "operation-" + UUID.randomUUID();
        JsonObject op = new JsonObject();
        op.addProperty("kind", "compute#operation");
        op.addProperty("id", Integer.toString(ids.incrementAndGet()));
        op.addProperty("name", name);
        op.addProperty("operationType", type);
        op.addProperty("targetLink", target.isEmpty() ? base : base + "/" + target);
        op.addProperty("targetId", Integer.toString(ids.get()));
        op.addProperty("status", "RUNNING");
        op.addProperty("user", GoogleTestKey.CLIENT_EMAIL);
        op.addProperty("progress", 0);
        op.addProperty("insertTime", STAMP);
        op.addProperty("startTime", STAMP);
        op.addProperty("selfLink", base + (zone == null ? "/global" : "/zones/" + zone) + "/operations/" + name);
        if (zone != null) {
            op.addProperty("zone", base + "/zones/" + zone);
        }
        operations.put(name, op);
        return operationView(op);
    }

    private static JsonObject operationView(JsonObject op) {
        return op.deepCopy();
    }

    private JsonObject operation(String name) {
        JsonObject op = required(operations.get(name), "operation", name);
        JsonObject view = operationView(op);
        if (op.get("status").getAsString().equals("RUNNING")) {
            op.addProperty("status", "DONE");
            op.addProperty("progress", 100);
            op.addProperty("endTime", STAMP);
        }
        return view;
    }

    // ---- OAuth 2.0 token endpoint ---------------------------------------------------------------------------

    private ResponseDefinition token(Request request) {
        Map<String, String> form = query(request.getBodyAsString());
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
            return tokenError(400, "unsupported_grant_type", "Invalid grant_type");
        }
        String[] jwt = form.getOrDefault("assertion", "").split("\\.");
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(serviceAccountKey);
            rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))) {
                return tokenError(400, "invalid_grant", "Invalid JWT Signature.");
            }
            JsonObject claims = parse(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8));
            if (!GoogleTestKey.CLIENT_EMAIL.equals(claims.get("iss").getAsString())
                    || !request.getAbsoluteUrl().equals(claims.get("aud").getAsString())
                    || claims.get("exp").getAsLong() < Instant.now().getEpochSecond()) {
                return tokenError(400, "invalid_grant", "Invalid JWT: Token must be a short-lived token and in a "
                        + "reasonable timeframe.");
            }
        } catch (Exception malformed) {
            return tokenError(400, "invalid_grant", "Invalid JWT.");
        }
        String token = "ya29." + UUID.randomUUID();
        tokens.add(token);
        JsonObject answer = new JsonObject();
        answer.addProperty("access_token", token);
        answer.addProperty("expires_in", 3599);
        answer.addProperty("token_type", "Bearer");
        return json(200, answer);
    }

    private static ResponseDefinition tokenError(int status, String error, String description) {
        JsonObject answer = new JsonObject();
        answer.addProperty("error", error);
        answer.addProperty("error_description", description);
        return json(status, answer);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static JsonObject list(String kind, List<JsonObject> items) {
        JsonObject list = new JsonObject();
        list.addProperty("kind", kind);
        list.addProperty("id", "projects/" + PROJECT);
        JsonArray array = new JsonArray();
        items.forEach(array::add);
        list.add("items", array);
        return list;
    }

    private static <T> T required(T value, String kind, String id) {
        if (value == null) {
            throw new GceError(404, "notFound", "The resource '" + id + "' was not found");
        }
        return value;
    }

    static String sha256(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String last(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static JsonObject parse(String body) {
        return JsonParser.parseString(body).getAsJsonObject();
    }

    static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static ResponseDefinition json(int status, JsonObject body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body.toString()).build();
    }

    /** Google's error body (Compute API "Errors": code, message, errors[].reason). */
    static String errorJson(int status, String reason, String message) {
        JsonObject detail = new JsonObject();
        detail.addProperty("message", message);
        detail.addProperty("domain", "global");
        detail.addProperty("reason", reason);
        JsonArray errors = new JsonArray();
        errors.add(detail);
        JsonObject error = new JsonObject();
        error.addProperty("code", status);
        error.addProperty("message", message);
        error.add("errors", errors);
        JsonObject body = new JsonObject();
        body.add("error", error);
        return body.toString();
    }

    private static ResponseDefinition error(int status, String reason, String message) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody(errorJson(status, reason, message)).build();
    }

    private static final class GceError extends RuntimeException {
        final int status;
        final String reason;

        GceError(int status, String reason, String message) {
            super(message);
            this.status = status;
            this.reason = reason;
        }
    }
}
