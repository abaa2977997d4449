package io.skyfed.drivers.vsphere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * First Class Disks as vCenter's VI JSON API describes them: the methods of {@code VcenterVStorageObjectManager}
 * (CreateDisk_Task with a VslmCreateSpec, ListVStorageObject, RetrieveVStorageObject,
 * RetrieveVStorageObjectAssociations, DeleteVStorageObject_Task, VStorageObjectCreateSnapshot_Task,
 * RetrieveSnapshotInfo, DeleteSnapshot_Task), {@code VirtualMachine} AttachDisk_Task and DetachDisk_Task, and the
 * tasks they start, read through {@code Task/{moId}/info}: a task is {@code running} at its first read and
 * {@code success} (with its result) or {@code error} (with a LocalizedMethodFault) after. Faults are MethodFault
 * objects with status 500. The next task can be made to fail, leaving nothing behind.
 */
final class VsphereDiskFake {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final class Disk {
        final String id;
        final String datastore;
        final String name;
        final long megabytes;
        final String created = Instant.now().toString();
        String vm;
        final Map<String, ObjectNode> snapshots = new LinkedHashMap<>();

        Disk(String id, String datastore, String name, long megabytes) {
            this.id = id;
            this.datastore = datastore;
            this.name = name;
            this.megabytes = megabytes;
        }
    }

    private static final class Task {
        final ObjectNode result;
        final String fault;
        int reads;

        Task(ObjectNode result, String fault) {
            this.result = result;
            this.fault = fault;
        }
    }

    private final Predicate<String> datastoreExists;
    private final Predicate<String> vmExists;
    private final Map<String, Disk> disks = new LinkedHashMap<>();
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final AtomicInteger nextTask = new AtomicInteger(100);
    private String failNextTask;

    VsphereDiskFake(Predicate<String> datastoreExists, Predicate<String> vmExists) {
        this.datastoreExists = datastoreExists;
        this.vmExists = vmExists;
    }

    /** The next task started ends in {@code fault} and changes nothing. */
    void failNextTask(String fault) {
        failNextTask = fault;
    }

    long disksNamed(String name) {
        return disks.values().stream().filter(d -> d.name.equals(name)).count();
    }

    int disks() {
        return disks.size();
    }

    /** {@code p} is the path after the release, split at '/'; null when the path is not one of these. */
    ResponseDefinition answer(String method, String[] p, JsonNode body) {
        if (p.length == 4 && p[1].equals("Task") && p[3].equals("info") && method.equals("GET")) {
            return taskInfo(p[2]);
        }
        if (!method.equals("POST") || p.length != 4) {
            return null;
        }
        if (p[1].equals("VirtualMachine")) {
            return vmMethod(p[2], p[3], body);
        }
        if (!p[1].equals("VcenterVStorageObjectManager") || !p[2].equals("VStorageObjectManager")) {
            return null;
        }
        return switch (p[3]) {
            case "CreateDisk_Task" -> create(body.path("spec"));
            case "ListVStorageObject" -> {
                String ds = body.path("datastore").path("value").asText();
                if (!datastoreExists.test(ds)) {
                    yield notFoundDatastore(ds);
                }
                ArrayNode ids = JSON.createArrayNode();
                disks.values().stream().filter(d -> d.datastore.equals(ds)).forEach(d -> ids.add(id(d.id)));
                yield VsphereFake.json(200, ids);
            }
            case "RetrieveVStorageObject" -> withDisk(body, d -> VsphereFake.json(200, storageObject(d)));
            case "RetrieveVStorageObjectAssociations" -> associations(body.path("ids"));
            case "DeleteVStorageObject_Task" -> withDisk(body, d -> {
                if (d.vm != null) {
                    return fault("ResourceInUse", "The disk is in use by virtual machine " + d.vm + ".");
                }
                return task(null, () -> disks.remove(d.id));
            });
            case "VStorageObjectCreateSnapshot_Task" -> withDisk(body, d -> {
                String snapshot = UUID.randomUUID().toString();
                return task(id(snapshot), () -> d.snapshots.put(snapshot, JSON.createObjectNode()
                        .put("_typeName", "VStorageObjectSnapshotInfoVStorageObjectSnapshot")
                        .<ObjectNode>set("id", id(snapshot)).<ObjectNode>set("backingObjectId", id(UUID.randomUUID()
                                .toString())).put("createTime", Instant.now().toString())
                        .put("description", body.path("description").asText())));
            });
            case "RetrieveSnapshotInfo" -> withDisk(body, d -> {
                ObjectNode info = JSON.createObjectNode().put("_typeName", "VStorageObjectSnapshotInfo");
                ArrayNode list = info.putArray("snapshots");
                d.snapshots.values().forEach(list::add);
                return VsphereFake.json(200, info);
            });
            case "DeleteSnapshot_Task" -> withDisk(body, d -> {
                String snapshot = body.path("snapshotId").path("id").asText();
                if (!d.snapshots.containsKey(snapshot)) {
                    return fault("NotFound", "The object or item referred to could not be found.");
                }
                return task(null, () -> d.snapshots.remove(snapshot));
            });
            default -> null;
        };
    }

    private ResponseDefinition create(JsonNode spec) {
        String ds = spec.path("backingSpec").path("datastore").path("value").asText();
        long mb = spec.path("capacityInMB").asLong();
        if (!spec.hasNonNull("name") || mb <= 0) {
            return fault("InvalidArgument", "A specified parameter was not correct: spec");
        }
        if (!datastoreExists.test(ds)) {
            return notFoundDatastore(ds);
        }
        Disk disk = new Disk(UUID.randomUUID().toString(), ds, spec.path("name").asText(), mb);
        return task(storageObject(disk), () -> disks.put(disk.id, disk));
    }

    private ResponseDefinition vmMethod(String vm, String method, JsonNode body) {
        if (!vmExists.test(vm)) {
            return fault("ManagedObjectNotFound", "The object 'vim.VirtualMachine:" + vm + "' has already been "
                    + "deleted or has not been completely created");
        }
        Disk disk = disks.get(body.path("diskId").path("id").asText());
        if (disk == null) {
            return fault("NotFound", "The object or item referred to could not be found.");
        }
        return switch (method) {
            case "AttachDisk_Task" -> disk.vm != null ? fault("InvalidState", "The disk is attached already.")
                    : task(null, () -> disk.vm = vm);
            case "DetachDisk_Task" -> !vm.equals(disk.vm) ? fault("NotFound", "The disk is not attached to " + vm)
                    : task(null, () -> disk.vm = null);
            default -> null;
        };
    }

    private ResponseDefinition associations(JsonNode specs) {
        ArrayNode answer = JSON.createArrayNode();
        for (JsonNode spec : specs) {
            Disk disk = disks.get(spec.path("id").path("id").asText());
            ObjectNode association = answer.addObject().put("_typeName", "VStorageObjectAssociations");
            association.set("id", spec.path("id"));
            ArrayNode vms = association.putArray("vmDiskAssociations");
            if (disk != null && disk.vm != null) {
                vms.addObject().put("_typeName", "VStorageObjectAssociationsVmDiskAssociation").put("vmId", disk.vm)
                        .put("diskKey", 2001);
            }
        }
        return VsphereFake.json(200, answer);
    }

    private ResponseDefinition withDisk(JsonNode body, java.util.function.Function<Disk, ResponseDefinition> then) {
        Disk disk = disks.get(body.path("id").path("id").asText());
        if (disk == null || !disk.datastore.equals(body.path("datastore").path("value").asText())) {
            return fault("NotFound", "The object or item referred to could not be found.");
        }
        return then.apply(disk);
    }

    /** Starts a task: its effect happens now unless the task is to fail; the answer is the task's reference. */
    private ResponseDefinition task(ObjectNode result, Runnable effect) {
        String moId = "task-" + nextTask.incrementAndGet();
        String fault = failNextTask;
        failNextTask = null;
        if (fault == null) {
            effect.run();
        }
        tasks.put(moId, new Task(result, fault));
        return VsphereFake.json(200, moRef("Task", moId));
    }

    private ResponseDefinition taskInfo(String moId) {
        Task task = tasks.get(moId);
        if (task == null) {
            return fault("ManagedObjectNotFound", "The object 'vim.Task:" + moId + "' has already been deleted or "
                    + "has not been completely created");
        }
        ObjectNode info = JSON.createObjectNode().put("_typeName", "TaskInfo").put("key", moId);
        info.set("task", moRef("Task", moId));
        if (task.reads++ == 0) {
            info.put("state", "running");
        } else if (task.fault == null) {
            info.put("state", "success");
            if (task.result != null) {
                info.set("result", task.result);
            }
        } else {
            info.put("state", "error");
            info.putObject("error").put("_typeName", "LocalizedMethodFault").put("localizedMessage",
                    "The operation failed: " + task.fault).putObject("fault").put("_typeName", task.fault);
        }
        return VsphereFake.json(200, info);
    }

    private static ObjectNode storageObject(Disk d) {
        ObjectNode object = JSON.createObjectNode().put("_typeName", "VStorageObject");
        ObjectNode config = object.putObject("config").put("_typeName", "VStorageObjectConfigInfo");
        config.set("id", id(d.id));
        config.put("name", d.name).put("createTime", d.created).put("capacityInMB", d.megabytes)
                .put("keepAfterDeleteVm", true);
        ObjectNode backing = config.putObject("backing").put("_typeName", "BaseConfigInfoDiskFileBackingInfo")
                .put("filePath", "[" + d.datastore + "] fcd/" + d.id.replace("-", "") + ".vmdk")
                .put("provisioningType", "thin");
        backing.set("datastore", moRef("Datastore", d.datastore));
        return object;
    }

    private static ObjectNode id(String id) {
        return JSON.createObjectNode().put("_typeName", "ID").put("id", id);
    }

    private static ObjectNode moRef(String type, String value) {
        return JSON.createObjectNode().put("_typeName", "ManagedObjectReference").put("type", type)
                .put("value", value);
    }

    private static ResponseDefinition notFoundDatastore(String ds) {
        return fault("ManagedObjectNotFound", "The object 'vim.Datastore:" + ds + "' has already been deleted or "
                + "has not been completely created");
    }

    private static ResponseDefinition fault(String type, String message) {
        return VsphereViJsonFake.fault(500, type, message);
    }
}
