package io.skyfed.drivers.libvirt;

import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.StorageSnapshot;
import io.skyfed.drivers.spi.StorageSnapshotService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;

/**
 * Volume snapshots as full copies in the volume pool (virStorageVolCreateXMLFrom), named {@code volume@snapshot}: a
 * volume name cannot contain '@', so the name alone says what a snapshot is of and the driver keeps no state.
 * libvirt has no volume snapshot of its own, and a copy stays valid whatever happens to the volume later. A copy of
 * a volume a running guest writes to is crash-consistent at best. libvirt volumes carry no description.
 */
final class LibvirtSnapshotService implements StorageSnapshotService {

    private final LibvirtHost host;

    LibvirtSnapshotService(LibvirtHost host) {
        this.host = host;
    }

    static boolean isSnapshotName(String name) {
        int at = name.indexOf('@');
        return at > 0 && LibvirtVolumeService.NAME.matcher(name.substring(0, at)).matches()
                && LibvirtVolumeService.NAME.matcher(name.substring(at + 1)).matches();
    }

    @Override
    public List<StorageSnapshot> list() {
        List<String> names = host.read("list snapshots", "storage pool", host.settings.volumePool(),
                c -> new ArrayList<>(Arrays.asList(pool(c).listVolumes())));
        return names.stream().filter(LibvirtSnapshotService::isSnapshotName).sorted(Comparator.naturalOrder())
                .map(LibvirtSnapshotService::toSnapshot).toList();
    }

    @Override
    public StorageSnapshot get(String id) {
        if (!isSnapshotName(id)) {
            throw new NotFoundException("storage_snapshot", id);
        }
        return toSnapshot(host.read("look up snapshot", "storage_snapshot", id,
                c -> pool(c).storageVolLookupByName(id).getName()));
    }

    @Override
    public StorageSnapshot create(String volumeId, String name, String description) {
        String snapshotName = name != null ? name : "snap-" + UUID.randomUUID().toString().substring(0, 8);
        if (!LibvirtVolumeService.NAME.matcher(snapshotName).matches()) {
            throw new InvalidArgumentException("name", "a snapshot name is 1 to 63 letters, digits, '.', '_' or '-'"
                    + " and starts with a letter or digit");
        }
        if (!LibvirtVolumeService.NAME.matcher(volumeId).matches()) {
            throw new InvalidArgumentException("volume_id", "volume '" + volumeId + "' does not exist");
        }
        String id = volumeId + "@" + snapshotName;
        List<String> existing = host.read("list volumes", "storage pool", host.settings.volumePool(),
                c -> Arrays.asList(pool(c).listVolumes()));
        if (!existing.contains(volumeId)) {
            throw new InvalidArgumentException("volume_id", "volume '" + volumeId + "' does not exist");
        }
        if (existing.contains(id)) {
            throw new InvalidArgumentException("name", "volume " + volumeId + " has a snapshot named " + snapshotName);
        }
        host.write("copy volume", "storage_volume", volumeId, c -> {
            StoragePool pool = pool(c);
            StorageVol volume = pool.storageVolLookupByName(volumeId);
            return pool.storageVolCreateXMLFrom(LibvirtVolumeService.volumeXml(id, volume.getInfo().capacity),
                    volume, 0);
        });
        return get(id);
    }

    @Override
    public void delete(String id) {
        get(id);
        host.write("delete snapshot", "storage_snapshot", id, c -> {
            pool(c).storageVolLookupByName(id).delete(0);
            return null;
        });
    }

    private StoragePool pool(Connect c) throws LibvirtException {
        return c.storagePoolLookupByName(host.settings.volumePool());
    }

    private static StorageSnapshot toSnapshot(String name) {
        int at = name.indexOf('@');
        return new StorageSnapshot(name, name.substring(at + 1), name.substring(0, at), "COMPLETED", null, null);
    }
}
