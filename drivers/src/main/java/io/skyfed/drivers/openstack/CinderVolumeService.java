package io.skyfed.drivers.openstack;

import static io.skyfed.drivers.openstack.OpenStackJson.instant;
import static io.skyfed.drivers.openstack.OpenStackJson.text;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.StorageVolume;
import io.skyfed.drivers.spi.StorageVolumeService;
import io.skyfed.drivers.spi.StorageVolumeSpec;
import io.skyfed.drivers.spi.VolumeAttachment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Cinder volumes (Block Storage API v3), attached and detached through Nova's os-volume_attachments. Creates carry
 * no idempotency token in Cinder, so they are one attempt; reads and deletes are retried.
 */
final class CinderVolumeService implements StorageVolumeService {

    private final OpenStackSession session;
    private final OpenStackRest rest;

    CinderVolumeService(OpenStackSession session, OpenStackRest rest) {
        this.session = session;
        this.rest = rest;
    }

    @Override
    public List<StorageVolume> list() {
        return rest.read("list volumes", "block-storage", "GET", "/volumes/detail", null,
                OpenStackRest.about("storage_volume", null), j -> {
                    List<StorageVolume> volumes = new ArrayList<>();
                    for (JsonElement v : j.getAsJsonArray("volumes")) {
                        volumes.add(volume(v.getAsJsonObject()));
                    }
                    return volumes;
                }).stream().sorted(Comparator.comparing(StorageVolume::id)).toList();
    }

    @Override
    public StorageVolume get(String id) {
        if (!OpenStackIds.valid(id)) {
            throw new NotFoundException("storage_volume", id);
        }
        return rest.read("look up volume", "block-storage", "GET", "/volumes/" + id, null,
                OpenStackRest.about("storage_volume", id), j -> volume(j.getAsJsonObject("volume")));
    }

    @Override
    public StorageVolume create(StorageVolumeSpec spec) {
        if (spec.capacityGb() != null && spec.capacityGb() < 1) {
            throw new InvalidArgumentException("capacity", "a volume is at least 1 GB");
        }
        if (spec.name() != null && spec.name().length() > 255) {
            throw new InvalidArgumentException("name", "a volume name is at most 255 characters");
        }
        if (spec.realmId() != null && session.realms().stream().noneMatch(r -> r.id().equals(spec.realmId()))) {
            throw new InvalidArgumentException("realm_id", "realm '" + spec.realmId() + "' does not exist");
        }
        JsonObject volume = new JsonObject();
        if (spec.capacityGb() != null || spec.snapshotId() == null) {
            volume.addProperty("size", spec.capacityGb() == null ? 1 : spec.capacityGb());
        }
        volume.addProperty("name", spec.name());
        volume.addProperty("description", spec.description());
        volume.addProperty("availability_zone", spec.realmId());
        volume.addProperty("snapshot_id", spec.snapshotId());
        // Cinder takes no idempotency token: the request token in the metadata is what a retry looks for first.
        String token = UUID.randomUUID().toString();
        JsonObject metadata = new JsonObject();
        metadata.addProperty(OpenStackSession.REQUEST_TOKEN, token);
        volume.add("metadata", metadata);
        JsonObject body = new JsonObject();
        body.add("volume", volume);
        return rest.createWithLookUp("create volume", "block-storage", "/volumes", body, e -> e.status() == 404
                        ? new InvalidArgumentException("snapshot_id", "snapshot '" + spec.snapshotId()
                                + "' does not exist")
                        : new InvalidArgumentException("storage_volume", e.getMessage()),
                j -> volume(j.getAsJsonObject("volume")), () -> volumeWithToken(token));
    }

    private Optional<StorageVolume> volumeWithToken(String token) throws Exception {
        return OpenStackJson.withRequestToken(rest.unguardedGet("block-storage", "/volumes/detail"), "volumes", token)
                .map(CinderVolumeService::volume);
    }

    @Override
    public void delete(String id) {
        StorageVolume volume = get(id);
        if (volume.attachment() != null) {
            throw new InvalidStateException("volume " + id + " is attached to instance "
                    + volume.attachment().instanceId() + ": detach it first");
        }
        rest.read("delete volume", "block-storage", "DELETE", "/volumes/" + id, null,
                OpenStackRest.about("storage_volume", id), j -> null);
    }

    @Override
    public StorageVolume attach(String volumeId, String instanceId, String device) {
        StorageVolume volume = get(volumeId);
        session.instance(instanceId);
        if (volume.attachment() != null) {
            throw new InvalidStateException("volume " + volumeId + " is attached to instance "
                    + volume.attachment().instanceId());
        }
        if (device != null && !device.matches("/dev/[a-z]{2,4}[a-z]")) {
            throw new InvalidArgumentException("device", "a device is /dev/ and a disk name, e.g. /dev/vdb; not "
                    + device);
        }
        JsonObject attachment = new JsonObject();
        attachment.addProperty("volumeId", volumeId);
        attachment.addProperty("device", device);
        JsonObject body = new JsonObject();
        body.add("volumeAttachment", attachment);
        rest.write("attach volume", "compute", "POST", "/servers/" + instanceId + "/os-volume_attachments", body,
                e -> e.status() == 409 || e.status() == 400 ? new InvalidStateException(e.getMessage())
                        : OpenStackRest.about("instance", instanceId).apply(e), j -> null);
        return get(volumeId);
    }

    @Override
    public StorageVolume detach(String volumeId) {
        StorageVolume volume = get(volumeId).requireAttached();
        String server = volume.attachment().instanceId();
        rest.read("detach volume", "compute", "DELETE", "/servers/" + server + "/os-volume_attachments/" + volumeId,
                null, OpenStackRest.about("storage_volume", volumeId), j -> null);
        return get(volumeId);
    }

    private static StorageVolume volume(JsonObject v) {
        String id = v.get("id").getAsString();
        String name = text(v, "name");
        JsonArray attachments = v.has("attachments") && v.get("attachments").isJsonArray()
                ? v.getAsJsonArray("attachments") : new JsonArray();
        VolumeAttachment attachment = null;
        if (!attachments.isEmpty()) {
            JsonObject a = attachments.get(0).getAsJsonObject();
            attachment = new VolumeAttachment(id, a.get("server_id").getAsString(), text(a, "device"));
        }
        return new StorageVolume(id, name == null || name.isEmpty() ? id : name, v.get("size").getAsLong(),
                text(v, "availability_zone"), v.get("status").getAsString().toUpperCase(Locale.ROOT),
                text(v, "description"), text(v, "snapshot_id"), attachment, instant(v, "created_at"));
    }
}
