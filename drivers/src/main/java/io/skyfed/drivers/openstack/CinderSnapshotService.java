package io.skyfed.drivers.openstack;

import static io.skyfed.drivers.openstack.OpenStackJson.instant;
import static io.skyfed.drivers.openstack.OpenStackJson.text;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.StorageSnapshot;
import io.skyfed.drivers.spi.StorageSnapshotService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Cinder volume snapshots (Block Storage API v3). {@code force} is set so a volume in use can be snapshotted, as
 * EC2 allows; such a snapshot is crash-consistent. Cinder takes no idempotency token: a create carries a request
 * token in its metadata, and a retry first looks for a snapshot holding it.
 */
final class CinderSnapshotService implements StorageSnapshotService {

    private final OpenStackRest rest;

    CinderSnapshotService(OpenStackRest rest) {
        this.rest = rest;
    }

    @Override
    public List<StorageSnapshot> list() {
        return rest.read("list snapshots", "block-storage", "GET", "/snapshots/detail", null,
                OpenStackRest.about("storage_snapshot", null), j -> {
                    List<StorageSnapshot> snapshots = new ArrayList<>();
                    for (JsonElement s : j.getAsJsonArray("snapshots")) {
                        snapshots.add(snapshot(s.getAsJsonObject()));
                    }
                    return snapshots;
                }).stream().sorted(Comparator.comparing(StorageSnapshot::id)).toList();
    }

    @Override
    public StorageSnapshot get(String id) {
        if (!OpenStackIds.valid(id)) {
            throw new NotFoundException("storage_snapshot", id);
        }
        return rest.read("look up snapshot", "block-storage", "GET", "/snapshots/" + id, null,
                OpenStackRest.about("storage_snapshot", id), j -> snapshot(j.getAsJsonObject("snapshot")));
    }

    @Override
    public StorageSnapshot create(String volumeId, String name, String description) {
        if (!OpenStackIds.valid(volumeId)) {
            throw new InvalidArgumentException("volume_id", "volume '" + volumeId + "' does not exist");
        }
        JsonObject snapshot = new JsonObject();
        snapshot.addProperty("volume_id", volumeId);
        snapshot.addProperty("name", name);
        snapshot.addProperty("description", description);
        snapshot.addProperty("force", true);
        String token = UUID.randomUUID().toString();
        JsonObject metadata = new JsonObject();
        metadata.addProperty(OpenStackSession.REQUEST_TOKEN, token);
        snapshot.add("metadata", metadata);
        JsonObject body = new JsonObject();
        body.add("snapshot", snapshot);
        return rest.createWithLookUp("create snapshot", "block-storage", "/snapshots", body, e -> e.status() == 404
                        ? new InvalidArgumentException("volume_id", "volume '" + volumeId + "' does not exist")
                        : new InvalidArgumentException("storage_snapshot", e.getMessage()),
                j -> snapshot(j.getAsJsonObject("snapshot")), () -> snapshotWithToken(token));
    }

    private Optional<StorageSnapshot> snapshotWithToken(String token) throws Exception {
        return OpenStackJson.withRequestToken(rest.unguardedGet("block-storage", "/snapshots/detail"), "snapshots",
                token).map(CinderSnapshotService::snapshot);
    }

    @Override
    public void delete(String id) {
        get(id);
        rest.read("delete snapshot", "block-storage", "DELETE", "/snapshots/" + id, null,
                OpenStackRest.about("storage_snapshot", id), j -> null);
    }

    private static StorageSnapshot snapshot(JsonObject s) {
        String id = s.get("id").getAsString();
        String name = text(s, "name");
        return new StorageSnapshot(id, name == null || name.isEmpty() ? id : name, s.get("volume_id").getAsString(),
                s.get("status").getAsString().toUpperCase(Locale.ROOT), text(s, "description"),
                instant(s, "created_at"));
    }
}
