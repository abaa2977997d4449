package io.skyfed.drivers.rhevm;

import static io.skyfed.drivers.rhevm.OvirtJson.items;
import static io.skyfed.drivers.rhevm.OvirtJson.link;
import static io.skyfed.drivers.rhevm.OvirtJson.nested;
import static io.skyfed.drivers.rhevm.OvirtJson.required;
import static io.skyfed.drivers.rhevm.OvirtJson.text;

import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.StorageSnapshot;
import io.skyfed.drivers.spi.StorageSnapshotService;
import io.skyfed.drivers.spi.StorageVolume;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Storage snapshots are the engine's VM snapshots of one disk: the engine snapshots disks only through the VM they
 * are attached to ({@code POST /vms/{vm}/snapshots} naming the one disk attachment), so a floating disk cannot be
 * snapshotted. The id is {@code vm-id:snapshot-id}. Only snapshots of exactly one disk are listed; whole-VM
 * snapshots (several disks, or memory) are the VM's, not a volume's. The engine keeps one description per
 * snapshot: the snapshot's name, then {@code ": "} and the description when one was given.
 */
final class RhevmSnapshotService implements StorageSnapshotService {

    private static final String SEPARATOR = ": ";

    private final RhevmAccount account;
    private final RhevmSession session;

    RhevmSnapshotService(RhevmAccount account, RhevmSession session) {
        this.account = account;
        this.session = session;
    }

    @Override
    public List<StorageSnapshot> list() {
        List<StorageSnapshot> snapshots = new ArrayList<>();
        for (JsonObject vm : OvirtPages.all(account, "list snapshots", "storage_snapshot", "/vms", "vm",
                "snapshots.disks")) {
            for (JsonObject snapshot : nested(vm, "snapshots", "snapshot")) {
                volumeOf(snapshot).ifPresent(disk -> snapshots.add(snapshot(required(vm, "id"), disk, snapshot)));
            }
        }
        snapshots.sort(Comparator.comparing(StorageSnapshot::id));
        return snapshots;
    }

    @Override
    public StorageSnapshot get(String id) {
        String[] ids = ids(id);
        JsonObject snapshot = account.getById("read snapshot", "storage_snapshot", id,
                "/vms/" + ids[0] + "/snapshots/" + ids[1] + "?follow=disks");
        return snapshot(ids[0], volumeOf(snapshot).orElseThrow(() -> new NotFoundException("storage_snapshot", id)),
                snapshot);
    }

    /** A regular snapshot of exactly one disk names that disk; any other snapshot is no volume's. */
    private static Optional<String> volumeOf(JsonObject snapshot) {
        List<JsonObject> disks = nested(snapshot, "disks", "disk");
        return "regular".equals(text(snapshot, "snapshot_type")) && disks.size() == 1
                ? Optional.of(required(disks.get(0), "id")) : Optional.empty();
    }

    private static String[] ids(String id) {
        String[] ids = id == null ? new String[0] : id.split(":", -1);
        if (ids.length != 2 || !RhevmSession.ID.matcher(ids[0]).matches()
                || !RhevmSession.ID.matcher(ids[1]).matches()) {
            throw new NotFoundException("storage_snapshot", id);
        }
        return ids;
    }

    @Override
    public StorageSnapshot create(String volumeId, String name, String description) {
        StorageVolume volume;
        try {
            volume = new RhevmVolumeService(account, session).get(volumeId);
        } catch (NotFoundException e) {
            throw new InvalidArgumentException("volume_id", "volume '" + volumeId + "' does not exist");
        }
        if (volume.attachment() == null) {
            throw new InvalidStateException("volume " + volumeId + " is not attached to an instance: oVirt "
                    + "snapshots a disk only through the VM it is attached to");
        }
        String vm = volume.attachment().instanceId();
        String label = name != null ? name : "snap-" + UUID.randomUUID().toString().substring(0, 8);
        if (label.contains(SEPARATOR) || label.isBlank()) {
            throw new InvalidArgumentException("name", "a snapshot name is not empty and has no '" + SEPARATOR + "'");
        }
        if (account.read("find snapshot", "storage_snapshot", label, c -> byLabel(c, vm, label)).isPresent()) {
            throw new InvalidArgumentException("name", "instance " + vm + " has a snapshot named '" + label + "'");
        }
        JsonObject attachment = new JsonObject();
        attachment.add("disk", link(volumeId));
        JsonObject attachments = OvirtJson.list("disk_attachment", attachment);
        JsonObject body = new JsonObject();
        body.addProperty("description", description == null || description.isBlank() ? label
                : label + SEPARATOR + description);
        body.addProperty("persist_memorystate", false);
        body.add("disk_attachments", attachments);
        String snapshotId = session.createOnce("storage_snapshot", label, c -> byLabel(c, vm, label),
                "/vms/" + vm + "/snapshots", body);
        String id = vm + ":" + snapshotId;
        // the engine copies nothing: it locks the VM while it starts a new volume layer, then reports ok
        account.await("finish", "storage_snapshot", id, "/vms/" + vm + "/snapshots/" + snapshotId,
                s -> !"locked".equals(text(s, "snapshot_status")));
        return get(id);
    }

    private static Optional<String> byLabel(OvirtClient client, String vm, String label)
            throws java.io.IOException, InterruptedException {
        return items(client.get("/vms/" + vm + "/snapshots"), "snapshot").stream()
                .filter(s -> label.equals(nameOf(text(s, "description")))).map(s -> required(s, "id")).findFirst();
    }

    @Override
    public void delete(String id) {
        String[] ids = ids(id);
        get(id);
        try {
            account.read("delete snapshot", "storage_snapshot", id, c -> {
                c.delete("/vms/" + ids[0] + "/snapshots/" + ids[1]);
                return null;
            });
        } catch (NotFoundException gone) {
            // Already deleted by an earlier attempt whose answer was lost.
        }
    }

    private static String nameOf(String description) {
        if (description == null) {
            return "";
        }
        int at = description.indexOf(SEPARATOR);
        return at < 0 ? description : description.substring(0, at);
    }

    private static StorageSnapshot snapshot(String vm, String disk, JsonObject snapshot) {
        String description = text(snapshot, "description");
        int at = description == null ? -1 : description.indexOf(SEPARATOR);
        String status = text(snapshot, "snapshot_status");
        String state = switch (status == null ? "ok" : status) {
            case "ok" -> "AVAILABLE";
            case "locked" -> "PENDING";
            default -> status.toUpperCase();
        };
        return new StorageSnapshot(vm + ":" + required(snapshot, "id"), nameOf(description), disk, state,
                at < 0 ? null : description.substring(at + SEPARATOR.length()), OvirtJson.time(snapshot, "date"));
    }
}
