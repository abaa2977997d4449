package io.skyfed.drivers.libvirt;

import io.skyfed.drivers.resilience.RemoteRequestException;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.StorageVolume;
import io.skyfed.drivers.spi.StorageVolumeService;
import io.skyfed.drivers.spi.StorageVolumeSpec;
import io.skyfed.drivers.spi.VolumeAttachment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;

/**
 * Storage volumes are the volumes of the provider's volume pool (raw files, sparse where the pool allows), attached
 * to domains as virtio disks. Which volume is attached where is read from the domains' persistent definitions, so
 * the driver keeps no state. Volumes named {@code volume@snapshot} are snapshots ({@link LibvirtSnapshotService}) and
 * are not listed here.
 */
final class LibvirtVolumeService implements StorageVolumeService {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    static final long GIB = 1L << 30;
    /** libvirt's VIR_DOMAIN_AFFECT_LIVE and VIR_DOMAIN_AFFECT_CONFIG, and VIR_DOMAIN_XML_INACTIVE. */
    private static final int LIVE = 1;
    private static final int CONFIG = 2;
    private static final int INACTIVE_XML = 2;

    private final LibvirtSession session;
    private final LibvirtHost host;

    LibvirtVolumeService(LibvirtSession session) {
        this.session = session;
        this.host = session.host();
    }

    @Override
    public List<StorageVolume> list() {
        String realm = session.realms().get(0).id();
        return host.read("list volumes", "storage pool", host.settings.volumePool(), c -> {
            Map<String, Plug> attachments = attachments(c);
            List<StorageVolume> volumes = new ArrayList<>();
            for (String name : volumeNames(c)) {
                volumes.add(toVolume(pool(c).storageVolLookupByName(name), realm, attachments));
            }
            return volumes;
        }).stream().sorted(Comparator.comparing(StorageVolume::id)).toList();
    }

    @Override
    public StorageVolume get(String id) {
        if (!NAME.matcher(id).matches()) {
            throw new NotFoundException("storage_volume", id);
        }
        String realm = session.realms().get(0).id();
        return host.read("look up volume", "storage_volume", id,
                c -> toVolume(pool(c).storageVolLookupByName(id), realm, attachments(c)));
    }

    @Override
    public StorageVolume create(StorageVolumeSpec spec) {
        String name = spec.name() != null ? spec.name() : "vol-" + UUID.randomUUID().toString().substring(0, 8);
        if (!NAME.matcher(name).matches()) {
            throw new InvalidArgumentException("name", "a volume name is 1 to 63 letters, digits, '.', '_' or '-' and"
                    + " starts with a letter or digit");
        }
        if (spec.realmId() != null && !spec.realmId().equals(session.realms().get(0).id())) {
            throw new InvalidArgumentException("realm_id", "realm '" + spec.realmId() + "' does not exist");
        }
        if (spec.capacityGb() != null && (spec.capacityGb() < 1 || spec.capacityGb() > 65_536)) {
            throw new InvalidArgumentException("capacity", "a volume is 1 to 65536 GB");
        }
        if (spec.snapshotId() != null && !LibvirtSnapshotService.isSnapshotName(spec.snapshotId())) {
            throw new InvalidArgumentException("snapshot_id", "snapshot '" + spec.snapshotId() + "' does not exist");
        }
        List<String> existing = host.read("list volumes", "storage pool", host.settings.volumePool(),
                c -> Arrays.asList(pool(c).listVolumes()));
        if (existing.contains(name)) {
            throw new InvalidArgumentException("name", "a volume named '" + name + "' exists");
        }
        if (spec.snapshotId() != null && !existing.contains(spec.snapshotId())) {
            throw new InvalidArgumentException("snapshot_id", "snapshot '" + spec.snapshotId() + "' does not exist");
        }
        long snapshotBytes = spec.snapshotId() == null ? 0 : host.read("look up snapshot", "storage_snapshot",
                spec.snapshotId(), c -> pool(c).storageVolLookupByName(spec.snapshotId()).getInfo().capacity);
        long capacity = spec.capacityGb() != null ? spec.capacityGb() * GIB
                : spec.snapshotId() != null ? snapshotBytes : GIB;
        if (capacity < snapshotBytes) {
            throw new InvalidArgumentException("capacity", "a volume cannot be smaller than its snapshot ("
                    + (snapshotBytes + GIB - 1) / GIB + " GB)");
        }
        host.write("create volume", "storage_volume", name, c -> {
            StoragePool pool = pool(c);
            return spec.snapshotId() == null ? pool.storageVolCreateXML(volumeXml(name, capacity), 0)
                    : pool.storageVolCreateXMLFrom(volumeXml(name, capacity),
                            pool.storageVolLookupByName(spec.snapshotId()), 0);
        });
        return get(name);
    }

    static String volumeXml(String name, long capacityBytes) {
        return "<volume><name>" + name + "</name><capacity unit='bytes'>" + capacityBytes
                + "</capacity><target><format type='raw'/></target></volume>";
    }

    @Override
    public void delete(String id) {
        StorageVolume volume = get(id);
        if (volume.attachment() != null) {
            throw new InvalidStateException("volume " + id + " is attached to instance "
                    + volume.attachment().instanceId() + ": detach it first");
        }
        host.write("delete volume", "storage_volume", id, c -> {
            pool(c).storageVolLookupByName(id).delete(0);
            return null;
        });
    }

    /**
     * Hot-plugs the disk into a running domain and records it in the persistent definition. A hypervisor that cannot
     * hot-plug (VIR_ERR_NO_SUPPORT, as libvirt's test driver) gets it in the definition only: the guest sees it at
     * its next boot, and the attachment shows at once, as the definition says.
     */
    @Override
    public StorageVolume attach(String volumeId, String instanceId, String device) {
        StorageVolume volume = get(volumeId);
        session.instance(instanceId);
        if (volume.attachment() != null) {
            throw new InvalidStateException("volume " + volumeId + " is attached to instance "
                    + volume.attachment().instanceId());
        }
        String requested = device == null ? null : device.replaceFirst("^/dev/", "");
        if (requested != null && !requested.matches("vd[a-z]")) {
            throw new InvalidArgumentException("device", "a libvirt disk device is vdb to vdz, not " + device);
        }
        host.write("attach volume", "instance", instanceId, c -> {
            Domain domain = c.domainLookupByUUIDString(instanceId);
            String definition = domain.getXMLDesc(INACTIVE_XML);
            List<String> used = DomainXml.disks(definition).stream().map(DomainXml.Disk::target).toList();
            String target = requested != null ? requested : freeTarget(used);
            if (used.contains(target)) {
                throw new RemoteRequestException(409, "device " + target + " is in use on instance " + instanceId,
                        null);
            }
            String path = pool(c).storageVolLookupByName(volumeId).getPath();
            String disk = DomainXml.diskDevice(path, "raw", target);
            try {
                domain.attachDeviceFlags(disk, domain.isActive() == 1 ? LIVE | CONFIG : CONFIG);
            } catch (LibvirtException e) {
                if (!unsupported(e)) {
                    throw e;
                }
                c.domainDefineXML(DomainXml.withDisk(definition, disk));
            }
            return null;
        });
        return get(volumeId);
    }

    @Override
    public StorageVolume detach(String volumeId) {
        StorageVolume volume = get(volumeId).requireAttached();
        String instanceId = volume.attachment().instanceId();
        host.write("detach volume", "instance", instanceId, c -> {
            Domain domain = c.domainLookupByUUIDString(instanceId);
            String definition = domain.getXMLDesc(INACTIVE_XML);
            String path = pool(c).storageVolLookupByName(volumeId).getPath();
            String disk = DomainXml.diskDevice(path, "raw", volume.attachment().device());
            try {
                domain.detachDeviceFlags(disk, domain.isActive() == 1 ? LIVE | CONFIG : CONFIG);
            } catch (LibvirtException e) {
                if (!unsupported(e)) {
                    throw e;
                }
                c.domainDefineXML(DomainXml.withoutDisk(definition, path));
            }
            return null;
        });
        return get(volumeId);
    }

    private static boolean unsupported(LibvirtException e) {
        return e.getError() != null && e.getError().getCode() == ErrorNumber.VIR_ERR_NO_SUPPORT;
    }

    private static String freeTarget(List<String> used) {
        for (char letter = 'b'; letter <= 'z'; letter++) {
            if (!used.contains("vd" + letter)) {
                return "vd" + letter;
            }
        }
        throw new RemoteRequestException(409, "the instance has no free virtio disk slot", null);
    }

    private StoragePool pool(Connect c) throws LibvirtException {
        return c.storagePoolLookupByName(host.settings.volumePool());
    }

    /** The pool's plain volumes: not snapshots, and not instance disks when instances share the pool. */
    private List<String> volumeNames(Connect c) throws LibvirtException {
        List<String> names = new ArrayList<>(Arrays.asList(pool(c).listVolumes()));
        names.removeIf(LibvirtSnapshotService::isSnapshotName);
        if (host.settings.volumePool().equals(host.settings.instancePool())) {
            for (Domain d : c.listAllDomains(0)) {
                names.remove(DomainXml.metadata(d.getXMLDesc(0)).diskVolume());
            }
        }
        return names;
    }

    /** Where a disk file is plugged in: a domain and the device it shows as there. */
    private record Plug(String instanceId, String device) {
    }

    /** Disk file path to the domain (and device) whose persistent definition holds it. */
    private static Map<String, Plug> attachments(Connect c) throws LibvirtException {
        Map<String, Plug> byPath = new HashMap<>();
        for (Domain d : c.listAllDomains(0)) {
            String uuid = d.getUUIDString();
            for (DomainXml.Disk disk : DomainXml.disks(d.getXMLDesc(INACTIVE_XML))) {
                byPath.put(disk.source(), new Plug(uuid, disk.target()));
            }
        }
        return byPath;
    }

    private static StorageVolume toVolume(StorageVol vol, String realm, Map<String, Plug> attachments)
            throws LibvirtException {
        String name = vol.getName();
        if (LibvirtSnapshotService.isSnapshotName(name)) {
            throw new RemoteRequestException(404, name + " is a snapshot, not a volume", null);
        }
        Plug attached = attachments.get(vol.getPath());
        VolumeAttachment attachment = attached == null ? null
                : new VolumeAttachment(name, attached.instanceId(), attached.device());
        long capacityGb = (vol.getInfo().capacity + GIB - 1) / GIB;
        return new StorageVolume(name, name, capacityGb, realm, attachment == null ? "AVAILABLE" : "IN-USE", null,
                null, attachment, null);
    }
}
