package io.skyfed.drivers.vsphere;

import static io.skyfed.drivers.vsphere.VsphereJson.array;
import static io.skyfed.drivers.vsphere.VsphereJson.object;
import static io.skyfed.drivers.vsphere.VsphereJson.optionalString;
import static io.skyfed.drivers.vsphere.VsphereJson.string;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * vCenter's First Class Disks (FCDs, "improved virtual disks") through the VI JSON API: the methods of
 * {@code VcenterVStorageObjectManager} and the disk methods of {@code VirtualMachine}, and the tasks they start
 * ({@code Task/{moId}/info} polled until {@code success} or {@code error}). Every FCD method names the datastore
 * the disk lives on, so callers carry it with the disk's id.
 */
final class VsphereDisks {

    private static final String MANAGER = "/VcenterVStorageObjectManager/VStorageObjectManager/";

    private final VsphereAccount account;

    VsphereDisks(VsphereAccount account) {
        this.account = account;
    }

    /** A disk's place: its datastore's managed object id and the disk's FCD id. */
    record Ref(String datastore, String disk) {
    }

    // ---- request bodies (also used inside guarded attempts) ---------------------------------------------------

    static JsonObject moRef(String type, String value) {
        JsonObject ref = new JsonObject();
        ref.addProperty("_typeName", "ManagedObjectReference");
        ref.addProperty("type", type);
        ref.addProperty("value", value);
        return ref;
    }

    static JsonObject id(String id) {
        JsonObject ref = new JsonObject();
        ref.addProperty("_typeName", "ID");
        ref.addProperty("id", id);
        return ref;
    }

    private static JsonObject onDatastore(Ref ref) {
        JsonObject body = new JsonObject();
        body.add("id", id(ref.disk()));
        body.add("datastore", moRef("Datastore", ref.datastore()));
        return body;
    }

    // ---- reads ------------------------------------------------------------------------------------------------

    /** The FCD ids on a datastore (ListVStorageObject). */
    List<String> list(String datastore) {
        JsonObject body = new JsonObject();
        body.add("datastore", moRef("Datastore", datastore));
        JsonElement ids = account.viInvoke("list disks", "storage_volume", datastore, MANAGER + "ListVStorageObject",
                body, true);
        return ids == null ? List.of() : array(ids).asList().stream().map(i -> string(i, "id")).toList();
    }

    /** A disk's VStorageObject (RetrieveVStorageObject): {@code config} with id, name, capacityInMB, createTime. */
    JsonObject retrieve(Ref ref, String kind, String id) {
        return object(account.viInvoke("read disk", kind, id, MANAGER + "RetrieveVStorageObject", onDatastore(ref),
                true));
    }

    /** Raw RetrieveVStorageObject, for look-ups inside a guarded attempt. */
    JsonObject retrieveRaw(Ref ref) throws InterruptedException {
        return object(account.viCall(MANAGER + "RetrieveVStorageObject", onDatastore(ref)));
    }

    /** Raw ListVStorageObject, for look-ups inside a guarded attempt. */
    List<String> listRaw(String datastore) throws InterruptedException {
        JsonObject body = new JsonObject();
        body.add("datastore", moRef("Datastore", datastore));
        JsonElement ids = account.viCall(MANAGER + "ListVStorageObject", body);
        return ids == null ? List.of() : array(ids).asList().stream().map(i -> string(i, "id")).toList();
    }

    /**
     * The VM (managed object id) each of the disks is attached to (RetrieveVStorageObjectAssociations); a disk
     * missing from the answer is attached to nothing.
     */
    Map<String, String> attachments(List<Ref> refs) {
        Map<String, String> vms = new HashMap<>();
        if (refs.isEmpty()) {
            return vms;
        }
        JsonArray specs = new JsonArray();
        for (Ref ref : refs) {
            JsonObject spec = onDatastore(ref);
            spec.addProperty("_typeName", "RetrieveVStorageObjSpec");
            specs.add(spec);
        }
        JsonObject body = new JsonObject();
        body.add("ids", specs);
        JsonElement answer = account.viInvoke("read disk attachments", "storage_volume", null,
                MANAGER + "RetrieveVStorageObjectAssociations", body, true);
        for (JsonElement association : answer == null ? new JsonArray() : array(answer)) {
            JsonElement disks = object(association).get("vmDiskAssociations");
            if (disks != null && disks.isJsonArray() && !disks.getAsJsonArray().isEmpty()) {
                vms.put(string(object(association).get("id"), "id"),
                        string(disks.getAsJsonArray().get(0), "vmId"));
            }
        }
        return vms;
    }

    /** The disk's snapshots (RetrieveSnapshotInfo): id, description, createTime each. */
    List<JsonElement> snapshots(Ref ref, String kind, String id) {
        JsonObject info = object(account.viInvoke("read disk snapshots", kind, id, MANAGER + "RetrieveSnapshotInfo",
                onDatastore(ref), true));
        JsonElement snapshots = info.get("snapshots");
        return snapshots == null || !snapshots.isJsonArray() ? List.of() : snapshots.getAsJsonArray().asList();
    }

    // ---- changes (each a task) ----------------------------------------------------------------------------------

    /** The CreateDisk_Task body: a thin disk of {@code megabytes} named {@code name} on {@code datastore}. */
    static JsonObject createSpec(String name, long megabytes, String datastore) {
        JsonObject backing = new JsonObject();
        backing.addProperty("_typeName", "VslmCreateSpecDiskFileBackingSpec");
        backing.add("datastore", moRef("Datastore", datastore));
        backing.addProperty("provisioningType", "thin");
        JsonObject spec = new JsonObject();
        spec.addProperty("_typeName", "VslmCreateSpec");
        spec.addProperty("name", name);
        spec.addProperty("keepAfterDeleteVm", true);
        spec.add("backingSpec", backing);
        spec.addProperty("capacityInMB", megabytes);
        JsonObject body = new JsonObject();
        body.add("spec", spec);
        return body;
    }

    /** One CreateDisk_Task, inside a guarded attempt: the task, awaited by {@link #created}. */
    JsonObject createRaw(JsonObject spec) throws InterruptedException {
        return object(account.viCall(MANAGER + "CreateDisk_Task", spec));
    }

    /**
     * The new disk's VStorageObject: the create task's result once it succeeds, or the disk itself when a look-up
     * before a retry found it.
     */
    JsonObject created(JsonObject taskOrDisk) {
        return taskOrDisk.has("config") ? taskOrDisk : object(await(taskOrDisk, "storage_volume", null));
    }

    void delete(Ref ref, String volumeId) {
        await(account.viInvoke("delete disk", "storage_volume", volumeId, MANAGER + "DeleteVStorageObject_Task",
                onDatastore(ref), false), "storage_volume", volumeId);
    }

    /** VStorageObjectCreateSnapshot_Task: the new snapshot's id. */
    String snapshot(Ref ref, String description, String volumeId) {
        JsonObject body = onDatastore(ref);
        body.addProperty("description", description);
        return string(await(account.viInvoke("snapshot disk", "storage_snapshot", volumeId,
                MANAGER + "VStorageObjectCreateSnapshot_Task", body, false), "storage_snapshot", volumeId), "id");
    }

    void deleteSnapshot(Ref ref, String snapshot, String snapshotId) {
        JsonObject body = onDatastore(ref);
        body.add("snapshotId", id(snapshot));
        await(account.viInvoke("delete disk snapshot", "storage_snapshot", snapshotId,
                MANAGER + "DeleteSnapshot_Task", body, false), "storage_snapshot", snapshotId);
    }

    void attach(String vm, Ref ref, String volumeId) {
        JsonObject body = new JsonObject();
        body.add("diskId", id(ref.disk()));
        body.add("datastore", moRef("Datastore", ref.datastore()));
        await(account.viInvoke("attach disk", "storage_volume", volumeId, "/VirtualMachine/" + vm + "/AttachDisk_Task",
                body, false), "storage_volume", volumeId);
    }

    void detach(String vm, Ref ref, String volumeId) {
        JsonObject body = new JsonObject();
        body.add("diskId", id(ref.disk()));
        await(account.viInvoke("detach disk", "storage_volume", volumeId, "/VirtualMachine/" + vm + "/DetachDisk_Task",
                body, false), "storage_volume", volumeId);
    }

    /**
     * Polls the task's {@code info} until it succeeds (its result) or fails (its fault, mapped as a refused request
     * would be), or the prepare timeout passes.
     */
    private JsonElement await(JsonElement task, String kind, String id) {
        String moId = string(task, "value");
        Instant deadline = Instant.now().plus(account.settings.prepareTimeout());
        long pause = TimeUnit.MILLISECONDS.toNanos(20);
        while (true) {
            JsonObject info = object(account.viGet("read task", kind, id, "/Task/" + moId + "/info").orElseThrow(
                    () -> new ProviderUnavailableException("vCenter stopped serving the VI JSON API", null)));
            String state = string(info, "state");
            if ("success".equals(state)) {
                return info.get("result");
            }
            if ("error".equals(state)) {
                throw taskFault(info, kind, id);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ProviderUnavailableException("timed out waiting for vCenter task " + moId, true, null);
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, TimeUnit.SECONDS.toNanos(2));
        }
    }

    /** A failed task's {@code error} (a LocalizedMethodFault: {@code fault} and {@code localizedMessage}). */
    private static RuntimeException taskFault(JsonObject info, String kind, String id) {
        JsonElement error = info.get("error");
        String type = null;
        String message = null;
        if (error != null && error.isJsonObject()) {
            message = optionalString(error, "localizedMessage");
            JsonElement fault = error.getAsJsonObject().get("fault");
            type = fault != null && fault.isJsonObject() ? optionalString(fault, "_typeName") : null;
        }
        VsphereError refused = new VsphereError(500, type, "vCenter task failed: " + (type == null ? "unknown fault"
                : type) + (message == null ? "" : ": " + message));
        return VsphereError.requestFault(type) ? refused.toDriverException(kind, id)
                : new ProviderUnavailableException(refused.getMessage(), null);
    }

    static Optional<String> name(JsonObject storageObject) {
        JsonElement config = storageObject.get("config");
        return config == null ? Optional.empty() : Optional.ofNullable(optionalString(config, "name"));
    }
}
