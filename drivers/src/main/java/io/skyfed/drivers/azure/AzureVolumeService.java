package io.skyfed.drivers.azure;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.StorageVolume;
import io.skyfed.drivers.spi.StorageVolumeService;
import io.skyfed.drivers.spi.StorageVolumeSpec;
import io.skyfed.drivers.spi.VolumeAttachment;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Storage volumes are managed disks of the resource group (Compute "Disks"). Spoken natively: jclouds' Disk has no
 * {@code managedBy} (which VM holds the disk) and its creation data no source, so it could tell neither attachment
 * nor a create from a snapshot. Attaching edits the VM's data disks and PUTs the VM back.
 */
final class AzureVolumeService implements StorageVolumeService {

    static final String DISK_API = "2023-04-02";
    static final String VM_API = "2023-03-01";

    private final AzureAccount account;
    private final AzureSession session;

    AzureVolumeService(AzureAccount account, AzureSession session) {
        this.account = account;
        this.session = session;
    }

    static String diskPath(AzureAccount account, String name) {
        return "/resourceGroups/" + account.group() + "/providers/Microsoft.Compute/disks"
                + (name == null ? "" : "/" + name);
    }

    private String vmPath(String name) {
        return "/resourceGroups/" + account.group() + "/providers/Microsoft.Compute/virtualMachines/" + name;
    }

    @Override
    public List<StorageVolume> list() {
        List<StorageVolume> volumes = new ArrayList<>();
        for (JsonObject disk : account.list("ListDisks", "storage_volume", diskPath(account, null), DISK_API)) {
            volumes.add(volume(disk));
        }
        volumes.sort(Comparator.comparing(StorageVolume::id));
        return volumes;
    }

    @Override
    public StorageVolume get(String id) {
        return volume(disk(id));
    }

    JsonObject disk(String id) {
        if (!AzureNames.isResourceName(id)) {
            throw new NotFoundException("storage_volume", id);
        }
        return account.idempotent("GetDisk", "storage_volume", id,
                () -> account.arm.get(diskPath(account, id), DISK_API));
    }

    @Override
    public StorageVolume create(StorageVolumeSpec spec) {
        String location = account.settings.location();
        if (spec.realmId() != null && !spec.realmId().equals(location)) {
            throw new InvalidArgumentException("realm_id", "realm '" + spec.realmId() + "' is not this provider's "
                    + "location (" + location + ")");
        }
        String name = spec.name() != null ? spec.name() : AzureNames.generated("disk");
        if (!AzureNames.isResourceName(name)) {
            throw new InvalidArgumentException("name", "'" + name + "' is not a disk name");
        }
        JsonObject creation = new JsonObject();
        if (spec.snapshotId() != null) {
            try {
                new AzureSnapshotService(account).get(spec.snapshotId());
            } catch (NotFoundException e) {
                throw new InvalidArgumentException("snapshot_id", "snapshot '" + spec.snapshotId()
                        + "' does not exist");
            }
            creation.addProperty("createOption", "Copy");
            creation.addProperty("sourceResourceId",
                    account.settings.resourceId("Microsoft.Compute/snapshots", spec.snapshotId()));
        } else {
            if (spec.capacityGb() == null || spec.capacityGb() < 1 || spec.capacityGb() > 32767) {
                throw new InvalidArgumentException("capacity", "a managed disk holds 1 to 32767 GiB");
            }
            creation.addProperty("createOption", "Empty");
        }
        try {
            disk(name);
            throw new InvalidArgumentException("name", "a volume named '" + name + "' already exists");
        } catch (NotFoundException free) {
            // the name is free
        }
        JsonObject properties = new JsonObject();
        properties.add("creationData", creation);
        if (spec.capacityGb() != null) {
            properties.addProperty("diskSizeGB", spec.capacityGb());
        }
        JsonObject body = new JsonObject();
        body.addProperty("location", location);
        JsonObject sku = new JsonObject();
        sku.addProperty("name", "Standard_LRS");
        body.add("sku", sku);
        if (spec.description() != null) {
            JsonObject tags = new JsonObject();
            tags.addProperty("description", spec.description());
            body.add("tags", tags);
        }
        body.add("properties", properties);
        // PUT of a name fixed before the first attempt: repeating it cannot make a second disk
        return volume(account.idempotent("CreateOrUpdateDisk", "storage_volume", name,
                () -> account.arm.put(diskPath(account, name), DISK_API, body)));
    }

    @Override
    public void delete(String id) {
        get(id).requireDetached();
        account.idempotent("DeleteDisk", "storage_volume", id, () -> {
            account.arm.delete(diskPath(account, id), DISK_API);
            return null;
        });
    }

    @Override
    public StorageVolume attach(String volumeId, String instanceId, String device) {
        get(volumeId).requireDetached();
        session.instance(instanceId);
        JsonObject vm = vm(instanceId);
        JsonArray disks = dataDisks(vm);
        Set<Integer> used = new HashSet<>();
        disks.forEach(d -> used.add(d.getAsJsonObject().get("lun").getAsInt()));
        int lun = 0;
        while (used.contains(lun)) {
            lun++;
        }
        JsonObject disk = new JsonObject();
        disk.addProperty("lun", lun);
        disk.addProperty("name", volumeId);
        disk.addProperty("createOption", "Attach");
        JsonObject managed = new JsonObject();
        managed.addProperty("id", account.settings.resourceId("Microsoft.Compute/disks", volumeId));
        disk.add("managedDisk", managed);
        disks.add(disk);
        putVm(instanceId, vm);
        return get(volumeId);
    }

    @Override
    public StorageVolume detach(String volumeId) {
        StorageVolume volume = get(volumeId).requireAttached();
        String instanceId = volume.attachment().instanceId();
        JsonObject vm = vm(instanceId);
        JsonArray disks = dataDisks(vm);
        JsonArray kept = new JsonArray();
        disks.forEach(d -> {
            if (!volumeId.equalsIgnoreCase(d.getAsJsonObject().get("name").getAsString())) {
                kept.add(d);
            }
        });
        vm.getAsJsonObject("properties").getAsJsonObject("storageProfile").add("dataDisks", kept);
        putVm(instanceId, vm);
        return get(volumeId);
    }

    private JsonObject vm(String name) {
        JsonObject vm = account.idempotent("GetVirtualMachine", "instance", name,
                () -> account.arm.get(vmPath(name), VM_API));
        // read-only parts a PUT must not carry back
        vm.getAsJsonObject("properties").remove("instanceView");
        vm.getAsJsonObject("properties").remove("provisioningState");
        return vm;
    }

    private void putVm(String name, JsonObject vm) {
        // the PUT states the whole data disk list, so repeating it changes nothing more
        account.idempotent("CreateOrUpdateVirtualMachine", "instance", name,
                () -> account.arm.put(vmPath(name), VM_API, vm));
    }

    private static JsonArray dataDisks(JsonObject vm) {
        JsonObject storage = vm.getAsJsonObject("properties").getAsJsonObject("storageProfile");
        if (!storage.has("dataDisks") || !storage.get("dataDisks").isJsonArray()) {
            storage.add("dataDisks", new JsonArray());
        }
        return storage.getAsJsonArray("dataDisks");
    }

    static String text(JsonObject o, String field) {
        return o != null && o.has(field) && !o.get(field).isJsonNull() ? o.get(field).getAsString() : null;
    }

    static Instant time(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private StorageVolume volume(JsonObject disk) {
        JsonObject p = disk.getAsJsonObject("properties");
        String name = text(disk, "name");
        String managedBy = text(disk, "managedBy");
        VolumeAttachment attachment = managedBy == null || managedBy.isBlank() ? null
                : new VolumeAttachment(name, managedBy.substring(managedBy.lastIndexOf('/') + 1), null);
        String provisioning = text(p, "provisioningState");
        String state = attachment != null ? "IN-USE"
                : "Succeeded".equalsIgnoreCase(provisioning) || provisioning == null ? "AVAILABLE"
                : provisioning.toUpperCase();
        JsonObject creation = p == null ? null : p.getAsJsonObject("creationData");
        String source = text(creation, "sourceResourceId");
        String snapshot = source != null && source.contains("/snapshots/")
                ? source.substring(source.lastIndexOf('/') + 1) : null;
        long size = p != null && p.has("diskSizeGB") ? p.get("diskSizeGB").getAsLong() : 0;
        return new StorageVolume(name, name, size, text(disk, "location"), state,
                text(disk.getAsJsonObject("tags"), "description"), snapshot, attachment,
                time(text(p, "timeCreated")));
    }
}
