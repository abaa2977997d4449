package io.skyfed.drivers.vsphere;

import static io.skyfed.drivers.vsphere.VsphereJson.object;
import static io.skyfed.drivers.vsphere.VsphereJson.optionalString;
import static io.skyfed.drivers.vsphere.VsphereJson.string;

import com.google.gson.JsonElement;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.StorageSnapshot;
import io.skyfed.drivers.spi.StorageSnapshotService;
import io.skyfed.drivers.spi.StorageVolume;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Snapshots of First Class Disks (VI JSON API): {@code VStorageObjectCreateSnapshot_Task},
 * {@code RetrieveSnapshotInfo}, {@code DeleteSnapshot_Task}. A snapshot's id is its volume's id, ':' and the FCD
 * snapshot id. vCenter keeps one description per snapshot: the snapshot's name, then {@code ": "} and the
 * description when one was given (as the rhevm driver does).
 *
 * <p>A snapshot create is one attempt, never retried: a snapshot has no name vCenter could be asked for before a
 * retry without reading every snapshot of the disk, and a lost answer is rare enough to leave to the caller, who
 * sees the failure and can list the volume's snapshots.
 */
final class VsphereSnapshotService implements StorageSnapshotService {

    private static final String SEPARATOR = ": ";

    private final VsphereVolumeService volumes;
    private final VsphereDisks disks;

    VsphereSnapshotService(VsphereAccount account, VsphereVolumeService volumes) {
        this.volumes = volumes;
        this.disks = new VsphereDisks(account);
    }

    @Override
    public List<StorageSnapshot> list() {
        List<StorageSnapshot> snapshots = new ArrayList<>();
        for (StorageVolume volume : volumes.list()) {
            try {
                for (JsonElement s : disks.snapshots(VsphereVolumeService.ref(volume.id(), "storage_volume"),
                        "storage_volume", volume.id())) {
                    snapshots.add(snapshot(volume.id(), s));
                }
            } catch (NotFoundException deletedMeanwhile) {
                // The volume went between the two reads, and its snapshots with it.
            }
        }
        snapshots.sort(Comparator.comparing(StorageSnapshot::id));
        return snapshots;
    }

    @Override
    public StorageSnapshot get(String id) {
        int at = id == null ? -1 : id.lastIndexOf(':');
        if (at < 0) {
            throw new NotFoundException("storage_snapshot", id);
        }
        String volumeId = id.substring(0, at);
        VsphereDisks.Ref ref = VsphereVolumeService.ref(volumeId, "storage_snapshot");
        return disks.snapshots(ref, "storage_snapshot", id).stream().map(s -> snapshot(volumeId, s))
                .filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("storage_snapshot", id));
    }

    @Override
    public StorageSnapshot create(String volumeId, String name, String description) {
        try {
            volumes.get(volumeId);
        } catch (NotFoundException e) {
            throw new InvalidArgumentException("volume_id", "volume '" + volumeId + "' does not exist");
        }
        String label = name != null ? name : "snap-" + UUID.randomUUID().toString().substring(0, 8);
        if (label.isBlank() || label.contains(SEPARATOR)) {
            throw new InvalidArgumentException("name", "a snapshot name is not empty and has no '" + SEPARATOR + "'");
        }
        String snapshot = disks.snapshot(VsphereVolumeService.ref(volumeId, "storage_volume"),
                description == null || description.isBlank() ? label : label + SEPARATOR + description, volumeId);
        return get(volumeId + ":" + snapshot);
    }

    @Override
    public void delete(String id) {
        get(id);
        String volumeId = id.substring(0, id.lastIndexOf(':'));
        try {
            disks.deleteSnapshot(VsphereVolumeService.ref(volumeId, "storage_snapshot"),
                    id.substring(id.lastIndexOf(':') + 1), id);
        } catch (NotFoundException gone) {
            // Deleted meanwhile: gone, as asked.
        }
    }

    /** A VStorageObjectSnapshotInfoVStorageObjectSnapshot: id, description, createTime. */
    private static StorageSnapshot snapshot(String volumeId, JsonElement s) {
        String description = optionalString(s, "description");
        int at = description == null ? -1 : description.indexOf(SEPARATOR);
        String created = optionalString(s, "createTime");
        return new StorageSnapshot(volumeId + ":" + string(object(s).get("id"), "id"),
                description == null ? "" : at < 0 ? description : description.substring(0, at), volumeId,
                "AVAILABLE", at < 0 ? null : description.substring(at + SEPARATOR.length()),
                created == null ? null : Instant.parse(created));
    }
}
