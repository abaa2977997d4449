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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keystone v3 and Nova (compute API v2.1) behind WireMock, stateful, answering with the JSON documented in the
 * OpenStack API references: password authentication with a project scope and a service catalog, extensions,
 * availability zones, flavors, images, servers with their actions, and key pairs.
 */
public final class NovaFake extends StatefulFake {

    public static final String NAME = "nova-fake";
    static final String USER = "ops";
    static final String DOMAIN = "Default";
    static final String PASSWORD = "open-sesame";
    static final String PROJECT = "skyfed";
    static final String PROJECT_ID = "8c3f7a2b1d9e4f6a8b0c2d4e6f8a0b1c";
    static final String REGION = "RegionOne";
    static final String TOKEN = "gAAAAABnSkyfedTokenExample";

    private static final ObjectMapper JSON = new ObjectMapper();

    static final class Server {
        final String id;
        final String name;
        final String imageId;
        final String flavorId;
        final String keyName;
        final String zone;
        final Map<String, String> metadata;
        /** The security groups the server was created in, as Nova was given them (ids here). */
        final java.util.List<String> securityGroups = new java.util.ArrayList<>();
        String status = "BUILD";

        Server(String id, String name, String imageId, String flavorId, String keyName, String zone,
               Map<String, String> metadata) {
            this.id = id;
            this.name = name;
            this.imageId = imageId;
            this.flavorId = flavorId;
            this.keyName = keyName;
            this.zone = zone;
            this.metadata = metadata;
        }
    }

    private final Map<String, Server> servers = new LinkedHashMap<>();
    private final Map<String, String> keys = new LinkedHashMap<>();
    /** The private half of each key pair Nova generated, by its public half. */
    private final Map<String, String> generatedPrivateHalves = new LinkedHashMap<>();
    private final AtomicInteger creates = new AtomicInteger();
    private final AtomicInteger keyGenerations = new AtomicInteger();
    private int keyCreateAnswersToLose;

    private final CinderFake cinder;

    /** A Nova whose volume attachments act on the given Cinder. */
    public NovaFake(CinderFake cinder) {
        super(NAME);
        this.cinder = cinder;
        Server web = new Server("5d3a1f6e-2b4c-4e8f-9a1b-3c5d7e9f0a2b", "web-1",
                "70a599e0-31e7-49b7-b260-868f441e862b", "2", "ops", "nova", Map.of());
        web.status = "ACTIVE";
        servers.put(web.id, web);
        keys.put("ops", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGskyfedexamplekey ops@skyfed");
    }



    private boolean loseNextCreateAnswer;

    /** The next server create is carried out, but its answer is lost (the connection resets). */
    public synchronized void loseNextCreateAnswer() {
        loseNextCreateAnswer = true;
    }

    /** How many servers POST /servers really built. */
    public int creates() {
        return creates.get();
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        String path = URI.create(request.getUrl()).getPath();
        String method = request.getMethod().getName();
        String base = "http://" + request.getHost() + ":" + request.getPort();
        try {
            if (path.equals("/identity/v3/auth/tokens") && method.equals("POST")) {
                return token(JSON.readTree(request.getBodyAsString()), base);
            }
            if (!TOKEN.equals(request.getHeader("X-Auth-Token"))) {
                return error(401, "unauthorized", "The request you have made requires authentication.");
            }
            if (path.startsWith("/image/v2/images")) {
                return glance(method, path.substring("/image/v2/images".length()), request);
            }
            String prefix = "/compute/v2.1/" + PROJECT_ID;
            if (!path.startsWith(prefix)) {
                return error(404, "itemNotFound", "no such resource " + path);
            }
            return compute(method, path.substring(prefix.length()), request);
        } catch (Exception e) {
            return error(400, "badRequest", e.toString());
        }
    }

    private ResponseDefinition token(JsonNode auth, String base) {
        JsonNode user = auth.path("auth").path("identity").path("password").path("user");
        if (!USER.equals(user.path("name").asText()) || !PASSWORD.equals(user.path("password").asText())
                || !DOMAIN.equals(user.path("domain").path("name").asText())) {
            return error(401, "unauthorized", "The request you have made requires authentication.");
        }
        ObjectNode token = JSON.createObjectNode();
        ObjectNode t = token.putObject("token");
        t.put("expires_at", "2099-01-01T00:00:00.000000Z");
        t.put("issued_at", "2026-11-26T12:00:00.000000Z");
        t.putArray("methods").add("password");
        t.putObject("user").put("id", "a1b2c3").put("name", USER).putObject("domain").put("id", "default")
                .put("name", DOMAIN);
        t.putObject("project").put("id", PROJECT_ID).put("name", PROJECT).putObject("domain").put("id", "default")
                .put("name", DOMAIN);
        ArrayNode catalog = t.putArray("catalog");
        ObjectNode compute = catalog.addObject().put("type", "compute").put("name", "nova").put("id", "c0");
        ArrayNode endpoints = compute.putArray("endpoints");
        for (String iface : new String[] {"public", "internal", "admin"}) {
            endpoints.addObject().put("id", "e-" + iface).put("interface", iface).put("region", REGION)
                    .put("region_id", REGION).put("url", base + "/compute/v2.1/" + PROJECT_ID);
        }
        ObjectNode glance = catalog.addObject().put("type", "image").put("name", "glance").put("id", "g0");
        glance.putArray("endpoints").addObject().put("id", "e-glance").put("interface", "public")
                .put("region", REGION).put("region_id", REGION).put("url", base + "/image");
        ObjectNode cinderEntry = catalog.addObject().put("type", "block-storage").put("name", "cinderv3")
                .put("id", "v3");
        cinderEntry.putArray("endpoints").addObject().put("id", "e-cinder").put("interface", "public")
                .put("region", REGION).put("region_id", REGION).put("url", base + CinderFake.PREFIX);
        ObjectNode neutron = catalog.addObject().put("type", "network").put("name", "neutron").put("id", "n0");
        neutron.putArray("endpoints").addObject().put("id", "e-neutron").put("interface", "public")
                .put("region", REGION).put("region_id", REGION).put("url", base + "/network");
        ObjectNode swift = catalog.addObject().put("type", "object-store").put("name", "swift").put("id", "s0");
        swift.putArray("endpoints").addObject().put("id", "e-swift").put("interface", "public").put("region", REGION)
                .put("region_id", REGION).put("url", base + SwiftFake.ACCOUNT_PATH);
        return ResponseDefinitionBuilder.responseDefinition().withStatus(201)
                .withHeader("Content-Type", "application/json").withHeader("X-Subject-Token", TOKEN)
                .withBody(token.toString()).build();
    }

    private ResponseDefinition compute(String method, String path, Request request) throws Exception {
        if (path.equals("/extensions")) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode list = body.putArray("extensions");
            extension(list, "os-keypairs", "Keypairs", "http://docs.openstack.org/ext/keypairs/api/v1.1");
            extension(list, "os-availability-zone", "AvailabilityZone",
                    "http://docs.openstack.org/compute/ext/availabilityzone/api/v1.1");
            return json(200, body);
        }
        String[] p = path.substring(1).split("/");
        switch (p[0]) {
            case "limits" -> {
                long cores = 0;
                long ram = 0;
                long live = 0;
                for (Server s : servers.values()) {
                    JsonNode flavor = flavorRecords.get(s.flavorId);
                    cores += flavor.path("vcpus").asLong();
                    ram += flavor.path("ram").asLong();
                    live++;
                }
                ObjectNode body = JSON.createObjectNode();
                ObjectNode limits = body.putObject("limits");
                limits.putArray("rate");
                limits.putObject("absolute").put("maxTotalCores", 20).put("totalCoresUsed", cores)
                        .put("maxTotalRAMSize", 51200).put("totalRAMUsed", ram).put("maxTotalInstances", 10)
                        .put("totalInstancesUsed", live).put("maxTotalKeypairs", 100).put("maxServerMeta", 128);
                return json(200, body);
            }
            case "os-availability-zone" -> {
                ObjectNode body = JSON.createObjectNode();
                body.putArray("availabilityZoneInfo").addObject().put("zoneName", "nova").putNull("hosts")
                        .putObject("zoneState").put("available", true);
                return json(200, body);
            }
            case "flavors" -> {
                return p.length > 1 && p[1].equals("detail") ? json(200, list("flavors", flavorRecords))
                        : one("flavor", flavorRecords, p[1]);
            }
            case "images" -> {
                return p.length > 1 && p[1].equals("detail") ? json(200, list("images", imageRecords))
                        : one("image", imageRecords, p[1]);
            }
            case "servers" -> {
                return servers(method, p, request);
            }
            case "os-keypairs" -> {
                return keypairs(method, p, request);
            }
            default -> {
                return error(404, "itemNotFound", "no such resource " + path);
            }
        }
    }

    private static final Object[][] FLAVOR_TABLE = {{"1", "m1.tiny", 512, 1, 1}, {"2", "m1.small", 2048, 1, 20},
        {"3", "m1.medium", 4096, 2, 40}, {"4", "m1.large", 8192, 4, 80}};
    private final Map<String, ObjectNode> flavorRecords = new LinkedHashMap<>();
    private final Map<String, ObjectNode> imageRecords = new LinkedHashMap<>();
    /** MD5 of the data uploaded into each Glance image. */
    private final Map<String, String> uploads = new LinkedHashMap<>();
    /** The data of each Glance image that has some (uploaded, or a server snapshot), and its disk_format. */
    private final Map<String, byte[]> imageData = new LinkedHashMap<>();
    private final Map<String, String> diskFormats = new LinkedHashMap<>();
    private final AtomicInteger snapshots = new AtomicInteger();
    private final java.util.Set<String> snapshotImages = new java.util.HashSet<>();

    {
        for (Object[] f : FLAVOR_TABLE) {
            ObjectNode n = JSON.createObjectNode().put("id", (String) f[0]).put("name", (String) f[1])
                    .put("ram", (Integer) f[2]).put("vcpus", (Integer) f[3]).put("disk", (Integer) f[4])
                    .put("swap", "").put("OS-FLV-EXT-DATA:ephemeral", 0).put("rxtx_factor", 1.0)
                    .put("os-flavor-access:is_public", true);
            n.putArray("links");
            flavorRecords.put((String) f[0], n);
        }
        String[][] images = {{"70a599e0-31e7-49b7-b260-868f441e862b", "debian-12-genericcloud-amd64", "x86_64"},
            {"a6c3e2b1-4f5d-4e6a-9b8c-7d6e5f4a3b2c", "ubuntu-24.04-server-cloudimg-arm64", "aarch64"}};
        for (String[] i : images) {
            ObjectNode n = JSON.createObjectNode().put("id", i[0]).put("name", i[1]).put("status", "ACTIVE")
                    .put("created", "2026-11-01T10:00:00Z").put("updated", "2026-11-01T10:05:00Z")
                    .put("minDisk", 2).put("minRam", 0).put("progress", 100);
            n.putObject("metadata").put("architecture", i[2]);
            n.putArray("links");
            imageRecords.put(i[0], n);
        }
    }

    private static ObjectNode list(String name, Map<String, ObjectNode> items) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode array = body.putArray(name);
        items.values().forEach(array::add);
        return body;
    }

    /** The servers Nova holds with their security groups, for the Neutron fake's ports. */
    public synchronized Map<String, java.util.List<String>> serverGroups() {
        Map<String, java.util.List<String>> groups = new LinkedHashMap<>();
        servers.values().forEach(server -> groups.put(server.id, server.securityGroups.isEmpty()
                ? java.util.List.of(NeutronFake.DEFAULT_GROUP) : java.util.List.copyOf(server.securityGroups)));
        return groups;
    }

    private boolean loseNextCreateImageAnswer;

    /** The next createImage is carried out, but its answer is lost (the connection resets). */
    public synchronized void loseNextCreateImageAnswer() {
        loseNextCreateImageAnswer = true;
    }

    /** How many server snapshots createImage really took. */
    public int snapshotsTaken() {
        return snapshots.get();
    }

    /** How many images Glance holds (those seeded and those imported). */
    public synchronized int imageCount() {
        return imageRecords.size();
    }

    /** The MD5 of the data uploaded into an image, if any. */
    public synchronized String uploadedMd5(String imageId) {
        return uploads.get(imageId);
    }

    private ResponseDefinition glance(String method, String path, Request request) throws Exception {
        if (path.isEmpty() && method.equals("GET")) {
            // GET /v2/images?name=: the one list filter the driver sends (a createImage whose answer was lost).
            String name = request.queryParameter("name").isPresent() ? request.queryParameter("name").firstValue()
                    : null;
            ObjectNode body = JSON.createObjectNode();
            ArrayNode list = body.putArray("images");
            imageRecords.values().stream().filter(n -> name == null || name.equals(n.path("name").asText()))
                    .forEach(n -> list.addObject().put("id", n.path("id").asText()).put("name", n.path("name").asText())
                            .put("status", n.path("status").asText().toLowerCase())
                            .put("disk_format", diskFormats.getOrDefault(n.path("id").asText(), "qcow2"))
                            .put("container_format", "bare"));
            body.put("first", "/v2/images").put("schema", "/v2/schemas/images");
            return json(200, body);
        }
        if (path.isEmpty() && method.equals("POST")) {
            JsonNode spec = JSON.readTree(request.getBodyAsString());
            String id = newId();
            ObjectNode n = JSON.createObjectNode().put("id", id).put("name", spec.path("name").asText())
                    .put("status", "QUEUED").put("created", "2026-11-26T13:00:00Z")
                    .put("updated", "2026-11-26T13:00:00Z").put("minDisk", 0).put("minRam", 0).put("progress", 0);
            n.putObject("metadata").put("architecture", spec.path("architecture").asText("x86_64"));
            n.putArray("links");
            imageRecords.put(id, n);
            diskFormats.put(id, spec.path("disk_format").asText());
            ObjectNode created = JSON.createObjectNode().put("id", id).put("name", spec.path("name").asText())
                    .put("status", "queued").put("disk_format", spec.path("disk_format").asText())
                    .put("container_format", spec.path("container_format").asText());
            return json(201, created);
        }
        String[] p = path.substring(1).split("/");
        ObjectNode image = imageRecords.get(p[0]);
        if (image == null) {
            return error(404, "itemNotFound", "No image found with ID " + p[0]);
        }
        if (p.length == 2 && p[1].equals("file") && method.equals("PUT")) {
            uploads.put(p[0], md5(request.getBody()));
            imageData.put(p[0], request.getBody());
            image.put("status", "ACTIVE").put("progress", 100);
            return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
        }
        if (method.equals("DELETE")) {
            imageRecords.remove(p[0]);
            uploads.remove(p[0]);
            imageData.remove(p[0]);
            diskFormats.remove(p[0]);
            return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
        }
        if (p.length == 2 && p[1].equals("file") && method.equals("GET")) {
            byte[] data = imageData.get(p[0]);
            if (data == null) {
                return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
            }
            return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                    .withHeader("Content-Type", "application/octet-stream").withBody(data).build();
        }
        String status = image.path("status").asText().toLowerCase();
        ObjectNode answer = JSON.createObjectNode().put("id", p[0]).put("status", status)
                .put("disk_format", diskFormats.getOrDefault(p[0], "qcow2")).put("container_format", "bare");
        byte[] data = imageData.get(p[0]);
        if (data != null) {
            answer.put("size", data.length);
            // Glance computes virtual_size on upload; snapshots Nova saves arrive without it.
            if (snapshotImages.contains(p[0])) {
                answer.putNull("virtual_size");
            } else {
                answer.put("virtual_size", data.length);
            }
        } else {
            answer.putNull("size").putNull("virtual_size");
        }
        // A snapshot being saved is done by the next look.
        if (status.equals("saving")) {
            image.put("status", "ACTIVE").put("progress", 100);
        }
        return json(200, answer);
    }

    private static ResponseDefinition one(String name, Map<String, ObjectNode> items, String id) {
        ObjectNode item = items.get(id);
        if (item == null) {
            return error(404, "itemNotFound", name + " " + id + " could not be found.");
        }
        ObjectNode body = JSON.createObjectNode();
        body.set(name, item);
        return json(200, body);
    }

    private ResponseDefinition servers(String method, String[] p, Request request) throws Exception {
        if (p.length == 1 && method.equals("POST")) {
            return createServer(JSON.readTree(request.getBodyAsString()).path("server"));
        }
        if (p.length == 2 && p[1].equals("detail")) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode array = body.putArray("servers");
            servers.values().forEach(s -> array.add(serverJson(s)));
            servers.values().forEach(NovaFake::settle);
            return json(200, body);
        }
        Server server = servers.get(p[1]);
        if (server == null) {
            return error(404, "itemNotFound", "Instance " + p[1] + " could not be found.");
        }
        if (p.length == 2 && method.equals("GET")) {
            ObjectNode body = JSON.createObjectNode();
            body.set("server", serverJson(server));
            settle(server);
            return json(200, body);
        }
        if (p.length == 2 && method.equals("DELETE")) {
            servers.remove(server.id);
            return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
        }
        if (p.length >= 3 && p[2].equals("os-volume_attachments")) {
            return volumeAttachments(server, method, p, request);
        }
        if (p.length == 3 && p[2].equals("action")) {
            JsonNode action = JSON.readTree(request.getBodyAsString());
            if (action.has("os-start")) {
                return transition(server, "SHUTOFF", "ACTIVE");
            }
            if (action.has("os-stop")) {
                return transition(server, "ACTIVE", "SHUTOFF");
            }
            if (action.has("reboot")) {
                return transition(server, "ACTIVE", "ACTIVE");
            }
            if (action.has("createImage")) {
                return createImage(server, action.path("createImage"));
            }
        }
        return error(400, "badRequest", "unsupported server request");
    }

    /** Compute API os-volume_attachments: Nova asks Cinder to attach or detach, and answers as the reference does. */
    private ResponseDefinition volumeAttachments(Server server, String method, String[] p, Request request)
            throws Exception {
        if (p.length == 3 && method.equals("POST")) {
            JsonNode spec = JSON.readTree(request.getBodyAsString()).path("volumeAttachment");
            String volumeId = spec.path("volumeId").asText();
            String device = spec.hasNonNull("device") ? spec.path("device").asText() : "/dev/vdb";
            String refused = cinder.attach(volumeId, server.id, device);
            if (refused != null) {
                return error(refused.contains("could not be found") ? 404 : 400,
                        refused.contains("could not be found") ? "itemNotFound" : "badRequest", refused);
            }
            ObjectNode body = JSON.createObjectNode();
            body.putObject("volumeAttachment").put("device", device).put("id", volumeId).put("serverId", server.id)
                    .put("volumeId", volumeId);
            return json(200, body);
        }
        if (p.length == 4 && method.equals("DELETE")) {
            if (!cinder.detach(p[3], server.id)) {
                return error(404, "itemNotFound", "volume_id not found: " + p[3]);
            }
            return ResponseDefinitionBuilder.responseDefinition().withStatus(202).build();
        }
        return error(405, "methodNotAllowed", "not allowed");
    }

    /** Compute API createImage, as before microversion 2.45: 202 and the image's Location. */
    private ResponseDefinition createImage(Server server, JsonNode spec) {
        if (!server.status.equals("SHUTOFF") && !server.status.equals("ACTIVE")) {
            return error(409, "conflictingRequest", "Cannot 'createImage' instance " + server.id + " while it is in "
                    + "vm_state " + server.status.toLowerCase());
        }
        String id = newId();
        ObjectNode n = JSON.createObjectNode().put("id", id).put("name", spec.path("name").asText())
                .put("status", "SAVING").put("created", "2026-11-26T14:00:00Z").put("updated", "2026-11-26T14:00:00Z")
                .put("minDisk", 0).put("minRam", 0).put("progress", 25);
        n.putObject("metadata").put("architecture", "x86_64").put("image_type", "snapshot");
        n.putArray("links");
        imageRecords.put(id, n);
        // The snapshot holds the server's disk: the imported data when the server was built from an upload.
        byte[] disk = imageData.get(server.imageId);
        imageData.put(id, disk != null ? disk : ("disk of " + server.id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        diskFormats.put(id, diskFormats.getOrDefault(server.imageId, "qcow2"));
        snapshots.incrementAndGet();
        snapshotImages.add(id);
        if (loseNextCreateImageAnswer) {
            loseNextCreateImageAnswer = false;
            return ResponseDefinitionBuilder.responseDefinition()
                    .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER).build();
        }
        return ResponseDefinitionBuilder.responseDefinition().withStatus(202)
                .withHeader("Location", "http://glance.example/v2/images/" + id).build();
    }

    private static ResponseDefinition transition(Server server, String from, String to) {
        if (!server.status.equals(from)) {
            return error(409, "conflictingRequest", "Cannot act on instance " + server.id + " while it is in "
                    + "vm_state " + server.status.toLowerCase());
        }
        server.status = to;
        return ResponseDefinitionBuilder.responseDefinition().withStatus(202).build();
    }

    private static void settle(Server server) {
        if (server.status.equals("BUILD")) {
            server.status = "ACTIVE";
        }
    }

    private ResponseDefinition createServer(JsonNode spec) {
        String image = spec.path("imageRef").asText();
        String flavor = spec.path("flavorRef").asText();
        if (!imageRecords.containsKey(image)) {
            return error(400, "badRequest", "Image " + image + " could not be found.");
        }
        if (!flavorRecords.containsKey(flavor)) {
            return error(400, "badRequest", "Flavor " + flavor + " could not be found.");
        }
        String key = spec.hasNonNull("key_name") ? spec.path("key_name").asText() : null;
        if (key != null && !keys.containsKey(key)) {
            return error(400, "badRequest", "Invalid key_name provided.");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        spec.path("metadata").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
        Server server = new Server(newId(), spec.path("name").asText(), image, flavor, key,
                spec.hasNonNull("availability_zone") ? spec.path("availability_zone").asText() : "nova", metadata);
        spec.path("security_groups").forEach(g -> server.securityGroups.add(g.path("name").asText()));
        servers.put(server.id, server);
        creates.incrementAndGet();
        if (loseNextCreateAnswer) {
            loseNextCreateAnswer = false;
            return ResponseDefinitionBuilder.responseDefinition()
                    .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER).build();
        }
        ObjectNode body = JSON.createObjectNode();
        ObjectNode created = body.putObject("server").put("id", server.id).put("adminPass", "kXg8Zp2Qm4Rt");
        created.putArray("links");
        return json(202, body);
    }

    private static ObjectNode serverJson(Server s) {
        ObjectNode n = JSON.createObjectNode().put("id", s.id).put("name", s.name).put("status", s.status)
                .put("tenant_id", PROJECT_ID).put("user_id", "a1b2c3").put("hostId", "3f2e1d")
                .put("created", "2026-11-26T12:00:00Z").put("updated", "2026-11-26T12:01:00Z")
                .put("accessIPv4", "").put("accessIPv6", "").put("OS-EXT-AZ:availability_zone", s.zone)
                .put("OS-EXT-STS:vm_state", s.status.toLowerCase()).put("OS-EXT-STS:power_state",
                        s.status.equals("ACTIVE") ? 1 : 4);
        if (s.keyName != null) {
            n.put("key_name", s.keyName);
        }
        ObjectNode metadata = n.putObject("metadata");
        s.metadata.forEach(metadata::put);
        n.putObject("image").put("id", s.imageId).putArray("links");
        n.putObject("flavor").put("id", s.flavorId).putArray("links");
        n.putObject("addresses").putArray("private").addObject().put("addr", "10.0.0." + (s.id.hashCode() & 0x7f))
                .put("version", 4).put("OS-EXT-IPS:type", "fixed");
        n.putArray("links");
        return n;
    }

    /** The next {@code count} key pair creates are carried out, but their answers are lost (connection reset). */
    synchronized void loseKeyCreateAnswers(int count) {
        keyCreateAnswersToLose = count;
    }

    /** Key pairs Nova generated so far (each with a new private key). */
    int keyGenerations() {
        return keyGenerations.get();
    }

    /** The private half of the key pair Nova now holds under {@code name}, if Nova generated it. */
    synchronized String privateHalfHeldFor(String name) {
        return generatedPrivateHalves.get(keys.get(name));
    }

    private ResponseDefinition keypairs(String method, String[] p, Request request) throws Exception {
        if (p.length == 1 && method.equals("GET")) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode array = body.putArray("keypairs");
            keys.forEach((name, pub) -> array.addObject().set("keypair", keyJson(name, pub, null)));
            return json(200, body);
        }
        if (p.length == 1 && method.equals("POST")) {
            JsonNode spec = JSON.readTree(request.getBodyAsString()).path("keypair");
            String name = spec.path("name").asText();
            if (keys.containsKey(name)) {
                return error(409, "conflictingRequest", "Key pair '" + name + "' already exists.");
            }
            String pub = spec.path("public_key").asText();
            String priv = null;
            if (!spec.hasNonNull("public_key")) {
                int generation = keyGenerations.incrementAndGet();
                pub = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQgenerated" + generation + " " + name;
                priv = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAgenerated" + generation
                        + "\n-----END RSA PRIVATE KEY-----\n";
                generatedPrivateHalves.put(pub, priv);
            }
            keys.put(name, pub);
            if (keyCreateAnswersToLose > 0) {
                keyCreateAnswersToLose--;
                return ResponseDefinitionBuilder.responseDefinition()
                        .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER).build();
            }
            ObjectNode body = JSON.createObjectNode();
            body.set("keypair", keyJson(name, pub, priv));
            return json(200, body);
        }
        String name = p[1];
        if (!keys.containsKey(name)) {
            return error(404, "itemNotFound", "Keypair " + name + " not found for user a1b2c3");
        }
        if (method.equals("DELETE")) {
            keys.remove(name);
            return ResponseDefinitionBuilder.responseDefinition().withStatus(202).build();
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("keypair", keyJson(name, keys.get(name), null));
        return json(200, body);
    }

    private static ObjectNode keyJson(String name, String publicKey, String privateKey) {
        ObjectNode n = JSON.createObjectNode().put("name", name).put("public_key", publicKey)
                .put("fingerprint", String.format("%02x:7e:2c:91:0b:5d:44:e3:18:af:62:c0:9d:35:71:8e",
                        name.length() & 0xff)).put("user_id", "a1b2c3");
        if (privateKey != null) {
            n.put("private_key", privateKey);
        }
        return n;
    }

    private static void extension(ArrayNode list, String alias, String name, String namespace) {
        list.addObject().put("alias", alias).put("name", name).put("namespace", namespace)
                .put("updated", "2011-08-08T00:00:00Z").put("description", name).putArray("links");
    }

    static ResponseDefinition json(int status, JsonNode body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body.toString()).build();
    }

    static ResponseDefinition error(int status, String kind, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject(kind).put("code", status).put("message", message);
        return json(status, body);
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }
}
