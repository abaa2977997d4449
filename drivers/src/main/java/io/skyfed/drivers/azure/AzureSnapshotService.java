package io.skyfed.drivers.azure;

import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.StorageSnapshot;
import io.skyfed.drivers.spi.StorageSnapshotService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Snapshots of managed disks (Compute "Snapshots"), spoken natively: jclouds' azurecompute-arm has no snapshot API.
 * Snapshots are incremental, so keeping many costs only what changed.
 */
final class AzureSnapshotService implements StorageSnapshotService {

    private final AzureAccount account;

    AzureSnapshotService(AzureAccount account) {
        this.account = account;
    }

    private String path(String name) {
        return "/resourceGroups/" + account.group() + "/providers/Microsoft.Compute/snapshots"
                + (name == null ? "" : "/" + name);
    }

    @Override
    public List<StorageSnapshot> list() {
        List<StorageSnapshot> snapshots = new ArrayList<>();
        for (JsonObject item : account.list("ListSnapshots", "storage_snapshot", path(null),
                AzureVolumeService.DISK_API)) {
            snapshots.add(snapshot(item));
        }
        snapshots.sort(Comparator.comparing(StorageSnapshot::id));
        return snapshots;
    }

    @Override
    public StorageSnapshot get(String id) {
        if (!AzureNames.isResourceName(id)) {
            throw new NotFoundException("storage_snapshot", id);
        }
        return snapshot(account.idempotent("GetSnapshot", "storage_snapshot", id,
                () -> account.arm.get(path(id), AzureVolumeService.DISK_API)));
    }

    @Override
    public StorageSnapshot create(String volumeId, String name, String description) {
        try {
            new AzureVolumeService(account, null).disk(volumeId);
        } catch (NotFoundException e) {
            throw new InvalidArgumentException("volume_id", "volume '" + volumeId + "' does not exist");
        }
        String snapshotName = name != null ? name : AzureNames.generated("snap");
        if (!AzureNames.isResourceName(snapshotName)) {
            throw new InvalidArgumentException("name", "'" + snapshotName + "' is not a snapshot name");
        }
        try {
            get(snapshotName);
            throw new InvalidArgumentException("name", "a snapshot named '" + snapshotName + "' already exists");
        } catch (NotFoundException free) {
            // the name is free
        }
        JsonObject creation = new JsonObject();
        creation.addProperty("createOption", "Copy");
        creation.addProperty("sourceResourceId", account.settings.resourceId("Microsoft.Compute/disks", volumeId));
        JsonObject properties = new JsonObject();
        properties.add("creationData", creation);
        properties.addProperty("incremental", true);
        JsonObject body = new JsonObject();
        body.addProperty("location", account.settings.location());
        if (description != null) {
            JsonObject tags = new JsonObject();
            tags.addProperty("description", description);
            body.add("tags", tags);
        }
        body.add("properties", properties);
        return snapshot(account.idempotent("CreateOrUpdateSnapshot", "storage_snapshot", snapshotName,
                () -> account.arm.put(path(snapshotName), AzureVolumeService.DISK_API, body)));
    }

    @Override
    public void delete(String id) {
        get(id);
        account.idempotent("DeleteSnapshot", "storage_snapshot", id, () -> {
            account.arm.delete(path(id), AzureVolumeService.DISK_API);
            return null;
        });
    }

    private static StorageSnapshot snapshot(JsonObject snapshot) {
        JsonObject p = snapshot.getAsJsonObject("properties");
        String source = AzureVolumeService.text(p == null ? null : p.getAsJsonObject("creationData"),
                "sourceResourceId");
        String volume = source == null ? "" : source.substring(source.lastIndexOf('/') + 1);
        String provisioning = AzureVolumeService.text(p, "provisioningState");
        String state = provisioning == null || "Succeeded".equalsIgnoreCase(provisioning) ? "COMPLETED"
                : provisioning.toUpperCase();
        String name = AzureVolumeService.text(snapshot, "name");
        return new StorageSnapshot(name, name, volume, state,
                AzureVolumeService.text(snapshot.getAsJsonObject("tags"), "description"),
                AzureVolumeService.time(AzureVolumeService.text(p, "timeCreated")));
    }
}
