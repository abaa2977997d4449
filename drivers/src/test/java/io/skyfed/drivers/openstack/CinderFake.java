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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cinder (Block Storage API v3) behind WireMock, stateful, with the JSON of the API reference: volumes and
 * snapshots, created "creating" and "available" by the next look, and volume attachments made by Nova's
 * os-volume_attachments (the Nova fake calls {@link #attach} and {@link #detach}).
 */
public final class CinderFake extends StatefulFake {

    public static final String NAME = "cinder-fake";
    static final String PREFIX = "/volume/v3/" + NovaFake.PROJECT_ID;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ObjectNode> volumes = new LinkedHashMap<>();
    private final Map<String, ObjectNode> snapshots = new LinkedHashMap<>();
    private final AtomicInteger volumeCreates = new AtomicInteger();

    public CinderFake() {
        super(NAME);
    }

    private boolean loseNextCreateAnswer;

    /** The next volume create is carried out, but its answer is lost (the connection resets). */
    private boolean loseNextSnapshotAnswer;
    private final java.util.concurrent.atomic.AtomicInteger snapshotCreates = new java.util.concurrent.atomic.AtomicInteger();

    /** The next snapshot create is carried out, but its answer is lost (the connection resets). */
    synchronized void loseNextSnapshotAnswer() {
        loseNextSnapshotAnswer = true;
    }

    /** How many snapshots POST /snapshots really made. */
    int snapshotCreates() {
        return snapshotCreates.get();
    }

    synchronized void loseNextCreateAnswer() {
        loseNextCreateAnswer = true;
    }

    /** How many volumes POST /volumes really created. */
    int volumeCreates() {
        return volumeCreates.get();
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        if (!NovaFake.TOKEN.equals(request.getHeader("X-Auth-Token"))) {
            return NovaFake.error(401, "unauthorized", "The request you have made requires authentication.");
        }
        String path = URI.create(request.getUrl()).getPath();
        if (!path.startsWith(PREFIX + "/")) {
            return NovaFake.error(404, "itemNotFound", "no such resource " + path);
        }
        String[] p = path.substring(PREFIX.length() + 1).split("/");
        String method = request.getMethod().getName();
        try {
            return switch (p[0]) {
                case "volumes" -> volumes(method, p, request);
                case "snapshots" -> snapshots(method, p, request);
                default -> NovaFake.error(404, "itemNotFound", "no such resource " + path);
            };
        } catch (Exception e) {
            return NovaFake.error(400, "badRequest", e.toString());
        }
    }

    private ResponseDefinition volumes(String method, String[] p, Request request) throws Exception {
        if (p.length == 1 && method.equals("POST")) {
            JsonNode spec = JSON.readTree(request.getBodyAsString()).path("volume");
            String snapshot = spec.hasNonNull("snapshot_id") ? spec.path("snapshot_id").asText() : null;
            if (snapshot != null && !snapshots.containsKey(snapshot)) {
                return NovaFake.error(404, "itemNotFound", "Snapshot " + snapshot + " could not be found.");
            }
            if (!spec.hasNonNull("size") && snapshot == null) {
                return NovaFake.error(400, "badRequest", "Invalid input received: size is required");
            }
            int size = spec.hasNonNull("size") ? spec.path("size").asInt() : snapshots.get(snapshot).path("size").asInt();
            if (size < 1) {
                return NovaFake.error(400, "badRequest", "Invalid input received: size must be greater than 0");
            }
            String id = NovaFake.newId();
            ObjectNode v = JSON.createObjectNode().put("id", id).put("size", size).put("status", "creating")
                    .put("availability_zone", spec.hasNonNull("availability_zone")
                            ? spec.path("availability_zone").asText() : "nova")
                    .put("bootable", "false").put("encrypted", false).put("volume_type", "lvmdriver-1")
                    .put("created_at", "2026-11-26T15:00:00.000000").put("multiattach", false);
            v.set("name", spec.path("name").isMissingNode() ? JSON.nullNode() : spec.path("name"));
            v.set("description", spec.path("description").isMissingNode() ? JSON.nullNode() : spec.path("description"));
            v.set("snapshot_id", snapshot == null ? JSON.nullNode() : JSON.getNodeFactory().textNode(snapshot));
            v.putArray("attachments");
            v.set("metadata", spec.path("metadata").isObject() ? spec.path("metadata") : JSON.createObjectNode());
            volumes.put(id, v);
            volumeCreates.incrementAndGet();
            if (loseNextCreateAnswer) {
                loseNextCreateAnswer = false;
                return ResponseDefinitionBuilder.responseDefinition()
                    .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER).build();
            }
            return wrap(202, "volume", v);
        }
        if (p.length == 2 && p[1].equals("detail")) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode list = body.putArray("volumes");
            volumes.values().forEach(list::add);
            volumes.values().forEach(CinderFake::settle);
            return NovaFake.json(200, body);
        }
        ObjectNode v = volumes.get(p[1]);
        if (v == null) {
            return NovaFake.error(404, "itemNotFound", "Volume " + p[1] + " could not be found.");
        }
        if (method.equals("DELETE")) {
            if (!v.path("status").asText().equals("available") && !v.path("status").asText().equals("error")) {
                return NovaFake.error(400, "badRequest", "Invalid volume: Volume status must be available or error "
                        + "or error_restoring or error_extending or error_managing and must not be migrating, "
                        + "attached, belong to a group, have snapshots or be disassociated from snapshots after "
                        + "volume transfer.");
            }
            volumes.remove(p[1]);
            return ResponseDefinitionBuilder.responseDefinition().withStatus(202).build();
        }
        ResponseDefinition answer = wrap(200, "volume", v);
        settle(v);
        return answer;
    }

    private ResponseDefinition snapshots(String method, String[] p, Request request) throws Exception {
        if (p.length == 1 && method.equals("POST")) {
            JsonNode spec = JSON.readTree(request.getBodyAsString()).path("snapshot");
            ObjectNode volume = volumes.get(spec.path("volume_id").asText());
            if (volume == null) {
                return NovaFake.error(404, "itemNotFound", "Volume " + spec.path("volume_id").asText()
                        + " could not be found.");
            }
            if (volume.path("status").asText().equals("in-use") && !spec.path("force").asBoolean()) {
                return NovaFake.error(400, "badRequest", "Invalid volume: Volume must be available");
            }
            String id = NovaFake.newId();
            ObjectNode s = JSON.createObjectNode().put("id", id).put("volume_id", volume.path("id").asText())
                    .put("status", "creating").put("size", volume.path("size").asInt())
                    .put("created_at", "2026-11-26T15:10:00.000000");
            s.set("name", spec.path("name").isMissingNode() ? JSON.nullNode() : spec.path("name"));
            s.set("description", spec.path("description").isMissingNode() ? JSON.nullNode() : spec.path("description"));
            s.set("metadata", spec.path("metadata").isObject() ? spec.path("metadata") : JSON.createObjectNode());
            snapshots.put(id, s);
            snapshotCreates.incrementAndGet();
            if (loseNextSnapshotAnswer) {
                loseNextSnapshotAnswer = false;
                return ResponseDefinitionBuilder.responseDefinition()
                    .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER).build();
            }
            return wrap(202, "snapshot", s);
        }
        if (p.length == 2 && p[1].equals("detail")) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode list = body.putArray("snapshots");
            snapshots.values().forEach(list::add);
            snapshots.values().forEach(CinderFake::settle);
            return NovaFake.json(200, body);
        }
        ObjectNode s = snapshots.get(p[1]);
        if (s == null) {
            return NovaFake.error(404, "itemNotFound", "Snapshot " + p[1] + " could not be found.");
        }
        if (method.equals("DELETE")) {
            snapshots.remove(p[1]);
            return ResponseDefinitionBuilder.responseDefinition().withStatus(202).build();
        }
        ResponseDefinition answer = wrap(200, "snapshot", s);
        settle(s);
        return answer;
    }

    /** Nova attaching a volume to a server: null when done, else the reason it refuses. */
    synchronized String attach(String volumeId, String serverId, String device) {
        ObjectNode v = volumes.get(volumeId);
        if (v == null) {
            return "Volume " + volumeId + " could not be found.";
        }
        if (!v.path("status").asText().equals("available")) {
            return "Invalid volume: volume " + volumeId + " status must be 'available'. Currently in '"
                    + v.path("status").asText() + "'";
        }
        v.put("status", "in-use");
        ((ArrayNode) v.get("attachments")).addObject().put("id", volumeId).put("attachment_id", NovaFake.newId())
                .put("volume_id", volumeId).put("server_id", serverId).put("device", device)
                .put("attached_at", "2026-11-26T15:05:00.000000").put("host_name", (String) null);
        return null;
    }

    /** Nova detaching a volume: whether it was attached to that server. */
    synchronized boolean detach(String volumeId, String serverId) {
        ObjectNode v = volumes.get(volumeId);
        if (v == null) {
            return false;
        }
        ArrayNode attachments = (ArrayNode) v.get("attachments");
        for (int i = 0; i < attachments.size(); i++) {
            if (attachments.get(i).path("server_id").asText().equals(serverId)) {
                attachments.remove(i);
                v.put("status", "available");
                return true;
            }
        }
        return false;
    }

    private static void settle(ObjectNode item) {
        if (item.path("status").asText().equals("creating")) {
            item.put("status", "available");
        }
    }

    private static ResponseDefinition wrap(int status, String name, ObjectNode item) {
        ObjectNode body = JSON.createObjectNode();
        body.set(name, item.deepCopy());
        return NovaFake.json(status, body);
    }
}
