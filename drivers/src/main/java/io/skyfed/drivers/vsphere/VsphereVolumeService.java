package io.skyfed.drivers.vsphere;

import static io.skyfed.drivers.vsphere.VsphereJson.array;
import static io.skyfed.drivers.vsphere.VsphereJson.number;
import static io.skyfed.drivers.vsphere.VsphereJson.object;
import static io.skyfed.drivers.vsphere.VsphereJson.optionalString;
import static io.skyfed.drivers.vsphere.VsphereJson.query;
import static io.skyfed.drivers.vsphere.VsphereJson.string;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.StorageVolume;
import io.skyfed.drivers.spi.StorageVolumeService;
import io.skyfed.drivers.spi.StorageVolumeSpec;
import io.skyfed.drivers.spi.VolumeAttachment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * First Class Disks as storage volumes (VI JSON API, vCenter 8.0 U1+). A volume's id is
 * {@code {datastore}:{fcd-id}} ({@code datastore-14:6f1c...}), since every FCD method names the datastore; its realm
 * is the datacenter holding that datastore. New volumes go to the realm's datastore named by the {@code datastore}
 * setting, else to its first datastore by id, thin provisioned and kept when a VM they are attached to is deleted;
 * without a realm, to the realm holding the configured datastore, else the first realm.
 *
 * <p>vCenter keeps FCD names unique nowhere, so the driver does: a create is refused when a volume of that name
 * exists, and a create whose answer is lost looks the name up before it is tried again, so one request makes one
 * disk.
 */
final class VsphereVolumeService implements StorageVolumeService {

    private static final long MAX_GB = 62 * 1024;
    private static final Pattern ID = Pattern.compile("([A-Za-z0-9-]{1,64}):([A-Za-z0-9-]{1,64})");
    /** FCD names as the vSphere Client allows them; '/', '\' and '%' are kept out as for VMs. */
    private static final Pattern NAME = Pattern.compile("[^/\\\\%:]{1,80}");

    private final VsphereAccount account;
    private final VsphereSession session;
    private final VsphereDisks disks;

    VsphereVolumeService(VsphereAccount account, VsphereSession session) {
        this.account = account;
        this.session = session;
        this.disks = new VsphereDisks(account);
    }

    /** The volume id's parts; NotFound for anything that cannot be one of ours. */
    static VsphereDisks.Ref ref(String id, String kind) {
        var m = id == null ? null : ID.matcher(id);
        if (m == null || !m.matches()) {
            throw new NotFoundException(kind, id);
        }
        return new VsphereDisks.Ref(m.group(1), m.group(2));
    }

    static String volumeId(VsphereDisks.Ref ref) {
        return ref.datastore() + ":" + ref.disk();
    }

    /** Each datastore of each datacenter, by datacenter, in id order. */
    private Map<String, List<String>> datastores() {
        Map<String, List<String>> byDc = new LinkedHashMap<>();
        for (String dc : session.datacenterIds()) {
            byDc.put(dc, array(account.get("list datastores", "realm", dc, "/api/vcenter/datastore?datacenters="
                    + query(dc))).asList().stream().map(ds -> string(ds, "datastore")).sorted().toList());
        }
        return byDc;
    }

    @Override
    public List<StorageVolume> list() {
        Map<VsphereDisks.Ref, String> realms = new LinkedHashMap<>();
        datastores().forEach((dc, stores) -> stores.forEach(ds -> disks.list(ds)
                .forEach(disk -> realms.put(new VsphereDisks.Ref(ds, disk), dc))));
        Map<String, String> attached = disks.attachments(List.copyOf(realms.keySet()));
        List<StorageVolume> volumes = new ArrayList<>();
        realms.forEach((ref, dc) -> {
            try {
                volumes.add(volume(ref, disks.retrieve(ref, "storage_volume", volumeId(ref)), dc, attached));
            } catch (NotFoundException deletedMeanwhile) {
                // Deleted between the listing and the read: not a volume any more.
            }
        });
        volumes.sort(Comparator.comparing(StorageVolume::id));
        return volumes;
    }

    @Override
    public StorageVolume get(String id) {
        VsphereDisks.Ref ref = ref(id, "storage_volume");
        String realm = datastores().entrySet().stream().filter(e -> e.getValue().contains(ref.datastore()))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new NotFoundException("storage_volume", id));
        JsonObject disk = disks.retrieve(ref, "storage_volume", id);
        return volume(ref, disk, realm, disks.attachments(List.of(ref)));
    }

    private static StorageVolume volume(VsphereDisks.Ref ref, JsonObject disk, String realm,
                                        Map<String, String> attached) {
        JsonElement config = object(disk).get("config");
        String vm = attached.get(ref.disk());
        String created = optionalString(config, "createTime");
        long mb = number(config, "capacityInMB");
        return new StorageVolume(volumeId(ref), Optional.ofNullable(optionalString(config, "name")).orElse(ref.disk()),
                (mb + 1023) / 1024, realm, vm == null ? "AVAILABLE" : "IN-USE", null, null,
                vm == null ? null : new VolumeAttachment(volumeId(ref), vm, null),
                created == null ? null : Instant.parse(created));
    }

    @Override
    public StorageVolume create(StorageVolumeSpec spec) {
        long gb = spec.capacityGb() == null ? 1 : spec.capacityGb();
        if (gb < 1 || gb > MAX_GB) {
            throw new InvalidArgumentException("capacity", "a volume is 1 to " + MAX_GB + " GB");
        }
        if (spec.snapshotId() != null) {
            throw new InvalidArgumentException("snapshot_id", "the vsphere driver creates volumes empty, not from "
                    + "snapshots");
        }
        if (spec.description() != null) {
            throw new InvalidArgumentException("description", "vSphere keeps no description of a disk");
        }
        Map<String, List<String>> datastores = datastores();
        // Without a realm: the one holding the configured datastore, else the first.
        String realm = spec.realmId() != null ? spec.realmId() : datastores.entrySet().stream()
                .filter(e -> account.settings.datastore().map(e.getValue()::contains).orElse(true))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new InvalidArgumentException("realm_id", "vCenter has no datacenter"
                        + account.settings.datastore().map(ds -> " with datastore " + ds).orElse("")));
        if (!datastores.containsKey(realm)) {
            throw new InvalidArgumentException("realm_id", "realm '" + realm + "' does not exist");
        }
        String datastore = datastore(realm, datastores.get(realm));
        String name = spec.name() != null ? spec.name() : "skyfed-" + UUID.randomUUID().toString().substring(0, 8);
        if (!NAME.matcher(name).matches()) {
            throw new InvalidArgumentException("name", "a volume name is 1 to 80 characters without '/', '\\', '%' "
                    + "or ':'");
        }
        if (list().stream().anyMatch(v -> v.name().equals(name))) {
            throw new InvalidArgumentException("name", "a volume named '" + name + "' exists in this vCenter");
        }
        JsonObject body = VsphereDisks.createSpec(name, gb * 1024, datastore);
        JsonObject taskOrDisk = account.viLookUpBeforeRetry("create disk", "storage_volume",
                () -> byName(datastore, name), () -> disks.createRaw(body));
        String disk = string(object(disks.created(taskOrDisk).get("config")).get("id"), "id");
        return get(volumeId(new VsphereDisks.Ref(datastore, disk)));
    }

    /** A disk of this name on the datastore, read inside a guarded attempt (a look-up before a retry). */
    private Optional<JsonObject> byName(String datastore, String name) throws InterruptedException {
        for (String disk : disks.listRaw(datastore)) {
            JsonObject found = disks.retrieveRaw(new VsphereDisks.Ref(datastore, disk));
            if (VsphereDisks.name(found).filter(name::equals).isPresent()) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    private String datastore(String realm, List<String> stores) {
        Optional<String> configured = account.settings.datastore();
        if (configured.isPresent()) {
            return configured.filter(stores::contains).orElseThrow(() -> new InvalidArgumentException("realm_id",
                    "realm '" + realm + "' has no datastore " + configured.get()));
        }
        return stores.stream().findFirst().orElseThrow(() -> new InvalidArgumentException("realm_id",
                "realm '" + realm + "' has no datastore"));
    }

    @Override
    public void delete(String id) {
        get(id).requireDetached();
        try {
            disks.delete(ref(id, "storage_volume"), id);
        } catch (NotFoundException gone) {
            // Deleted meanwhile: gone, as asked.
        }
    }

    @Override
    public StorageVolume attach(String volumeId, String instanceId, String device) {
        get(volumeId).requireDetached();
        if (device != null) {
            throw new InvalidArgumentException("device", "vCenter chooses the disk's controller slot itself");
        }
        try {
            session.instance(instanceId);
        } catch (NotFoundException e) {
            throw new InvalidArgumentException("instance_id", "instance '" + instanceId + "' does not exist");
        }
        disks.attach(instanceId, ref(volumeId, "storage_volume"), volumeId);
        return get(volumeId);
    }

    @Override
    public StorageVolume detach(String volumeId) {
        StorageVolume volume = get(volumeId).requireAttached();
        disks.detach(volume.attachment().instanceId(), ref(volumeId, "storage_volume"), volumeId);
        return get(volumeId);
    }
}
