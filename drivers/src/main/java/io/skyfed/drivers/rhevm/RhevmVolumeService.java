package io.skyfed.drivers.rhevm;

import static io.skyfed.drivers.rhevm.OvirtJson.items;
import static io.skyfed.drivers.rhevm.OvirtJson.link;
import static io.skyfed.drivers.rhevm.OvirtJson.ref;
import static io.skyfed.drivers.rhevm.OvirtJson.required;
import static io.skyfed.drivers.rhevm.OvirtJson.text;

import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.StorageVolume;
import io.skyfed.drivers.spi.StorageVolumeService;
import io.skyfed.drivers.spi.StorageVolumeSpec;
import io.skyfed.drivers.spi.VolumeAttachment;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's data disks as storage volumes. A disk lives in a storage domain of a data center; its realm is the
 * first cluster of that data center. Attachments are read from the VMs' disk attachments, since a v4 disk does not
 * say which VM uses it.
 */
final class RhevmVolumeService implements StorageVolumeService {

    private static final long GIB = 1L << 30;
    private static final long MAX_GB = 64 * 1024;

    private final RhevmAccount account;
    private final RhevmSession session;

    RhevmVolumeService(RhevmAccount account, RhevmSession session) {
        this.account = account;
        this.session = session;
    }

    /** What the volumes refer to, read once per listing. */
    private record Context(Map<String, VolumeAttachment> attachments, Map<String, String> realmOfDomain) {
    }

    @Override
    public List<StorageVolume> list() {
        Context context = context();
        return OvirtPages.all(account, "list disks", "storage_volume", "/disks", "disk", null).stream()
                .filter(RhevmVolumeService::isData).map(d -> volume(d, context))
                .sorted(Comparator.comparing(StorageVolume::id)).toList();
    }

    @Override
    public StorageVolume get(String id) {
        return volume(disk(id), context());
    }

    private JsonObject disk(String id) {
        if (!RhevmSession.ID.matcher(id).matches()) {
            throw new NotFoundException("storage_volume", id);
        }
        JsonObject disk = account.getById("get disk", "storage_volume", id, "/disks/" + id);
        if (!isData(disk)) {
            throw new NotFoundException("storage_volume", id);
        }
        return disk;
    }

    private static boolean isData(JsonObject disk) {
        String type = text(disk, "content_type");
        return type == null || type.equals("data");
    }

    private Context context() {
        Map<String, VolumeAttachment> attachments = new HashMap<>();
        List<JsonObject> vms = OvirtPages.all(account, "list disk attachments", "storage_volume", "/vms", "vm",
                "disk_attachments");
        for (JsonObject vm : vms) {
            for (JsonObject a : OvirtJson.nested(vm, "disk_attachments", "disk_attachment")) {
                String disk = Optional.ofNullable(ref(a, "disk")).orElse(text(a, "id"));
                attachments.put(disk, new VolumeAttachment(disk, required(vm, "id"), text(a, "logical_name")));
            }
        }
        Map<String, String> firstClusterOfDc = new HashMap<>();
        session.clusters().stream().sorted(Comparator.comparing(c -> required(c, "id")))
                .forEach(c -> firstClusterOfDc.putIfAbsent(ref(c, "data_center"), required(c, "id")));
        Map<String, String> realmOfDomain = new HashMap<>();
        for (JsonObject domain : items(account.get("list storage domains", "storage_volume", null,
                "/storagedomains"), "storage_domain")) {
            OvirtJson.nested(domain, "data_centers", "data_center").stream().findFirst()
                    .map(dc -> firstClusterOfDc.get(text(dc, "id")))
                    .ifPresent(cluster -> realmOfDomain.put(required(domain, "id"), cluster));
        }
        return new Context(attachments, realmOfDomain);
    }

    private static StorageVolume volume(JsonObject disk, Context context) {
        String id = required(disk, "id");
        VolumeAttachment attachment = context.attachments().get(id);
        String status = text(disk, "status");
        String state = switch (status == null ? "ok" : status) {
            case "ok" -> attachment == null ? "AVAILABLE" : "IN-USE";
            case "locked" -> "CREATING";
            default -> "ERROR";
        };
        String domain = OvirtJson.nested(disk, "storage_domains", "storage_domain").stream().findFirst()
                .map(d -> text(d, "id")).orElse(null);
        long size = OvirtJson.number(disk, "provisioned_size", 0);
        return new StorageVolume(id, Optional.ofNullable(text(disk, "name")).orElse(id), (size + GIB - 1) / GIB,
                domain == null ? null : context.realmOfDomain().get(domain), state, text(disk, "description"),
                null, attachment, null);
    }

    @Override
    public StorageVolume create(StorageVolumeSpec spec) {
        long gb = spec.capacityGb() == null ? 1 : spec.capacityGb();
        if (gb < 1 || gb > MAX_GB) {
            throw new InvalidArgumentException("capacity", "a volume is 1 to " + MAX_GB + " GB");
        }
        if (spec.snapshotId() != null) {
            throw new InvalidArgumentException("snapshot_id", "the rhevm driver has no volume snapshots");
        }
        String realm = spec.realmId() != null ? spec.realmId() : session.realms().get(0).id();
        String domain = dataDomain(realm);
        String name = spec.name() != null ? spec.name() : RhevmSession.temporaryName("volume");
        if (!RhevmSession.NAME.matcher(name).matches()) {
            throw new InvalidArgumentException("name", "a disk name is 1 to 64 letters, digits, '-', '_' or '.'");
        }
        if (findByName(name).isPresent()) {
            throw new InvalidArgumentException("name", "a disk named '" + name + "' exists already");
        }
        JsonObject disk = new JsonObject();
        disk.addProperty("name", name);
        if (spec.description() != null) {
            disk.addProperty("description", spec.description());
        }
        disk.addProperty("provisioned_size", gb * GIB);
        disk.addProperty("format", "cow");
        disk.addProperty("sparse", true);
        disk.add("storage_domains", OvirtJson.list("storage_domain", link(domain)));
        String id = session.createOnce("disk", name, c -> RhevmSession.byName(c, "/disks", "disk", name), "/disks",
                disk);
        return get(id);
    }

    Optional<String> findByName(String name) {
        return account.read("find disk by name", "storage_volume", name,
                c -> RhevmSession.byName(c, "/disks", "disk", name));
    }

    /** The storage domain new disks of a realm go to: the configured one, or the first active data domain. */
    String dataDomain(String realm) {
        JsonObject cluster = session.clusters().stream().filter(c -> realm.equals(text(c, "id"))).findFirst()
                .orElseThrow(() -> new InvalidArgumentException("realm_id", "realm '" + realm + "' does not exist"));
        String dc = ref(cluster, "data_center");
        return items(account.get("list storage domains", "storage_volume", null,
                        "/datacenters/" + dc + "/storagedomains"), "storage_domain").stream()
                .filter(d -> "data".equals(text(d, "type")) && "active".equals(text(d, "status")))
                .filter(d -> account.settings.storageDomain().map(n -> n.equals(text(d, "name"))).orElse(true))
                .map(d -> required(d, "id")).sorted().findFirst()
                .orElseThrow(() -> new InvalidArgumentException("realm_id", "realm '" + realm + "' has no active "
                        + "data storage domain" + account.settings.storageDomain().map(n -> " named " + n)
                        .orElse("")));
    }

    @Override
    public void delete(String id) {
        get(id).requireDetached();
        try {
            account.read("remove disk", "storage_volume", id, c -> {
                c.delete("/disks/" + id);
                return null;
            });
        } catch (NotFoundException gone) {
            // A retried removal finds the disk already gone.
        }
    }

    @Override
    public StorageVolume attach(String volumeId, String instanceId, String device) {
        StorageVolume volume = get(volumeId).requireDetached();
        session.vm(instanceId);
        if ("CREATING".equals(volume.state())) {
            account.await("finish creating", "storage_volume", volumeId, "/disks/" + volumeId,
                    d -> !"locked".equals(text(d, "status")));
        }
        JsonObject attachment = new JsonObject();
        attachment.add("disk", link(volumeId));
        attachment.addProperty("interface", "virtio_scsi");
        attachment.addProperty("bootable", false);
        attachment.addProperty("active", true);
        account.write("attach disk", "storage_volume", volumeId,
                c -> c.post("/vms/" + instanceId + "/diskattachments", attachment));
        return get(volumeId);
    }

    @Override
    public StorageVolume detach(String volumeId) {
        StorageVolume volume = get(volumeId).requireAttached();
        String path = "/vms/" + volume.attachment().instanceId() + "/diskattachments/" + volumeId;
        try {
            // Detaching keeps the disk; a repeated detach finds no attachment.
            account.read("detach disk", "storage_volume", volumeId, c -> {
                c.delete(path);
                return null;
            });
        } catch (NotFoundException gone) {
            // Already detached by an earlier attempt.
        }
        return get(volumeId);
    }
}
