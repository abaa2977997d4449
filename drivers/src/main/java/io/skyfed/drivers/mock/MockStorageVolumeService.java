package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.StorageSnapshot;
import io.skyfed.drivers.spi.StorageVolume;
import io.skyfed.drivers.spi.StorageVolumeService;
import io.skyfed.drivers.spi.StorageVolumeSpec;
import io.skyfed.drivers.spi.VolumeAttachment;

import java.util.ArrayList;
import java.util.List;

/** Volumes that attach to one instance at a time; the instance's record lists its attachments. */
final class MockStorageVolumeService implements StorageVolumeService {

    static final long MAX_CAPACITY_GB = 16_384;

    private final MockCloud cloud;
    private final MockSession session;

    MockStorageVolumeService(MockCloud cloud, MockSession session) {
        this.cloud = cloud;
        this.session = session;
    }

    @Override
    public List<StorageVolume> list() {
        return List.copyOf(cloud.volumes.values());
    }

    @Override
    public StorageVolume get(String id) {
        return MockSession.get(cloud.volumes, "storage volume", id);
    }

    @Override
    public StorageVolume create(StorageVolumeSpec spec) {
        synchronized (cloud) {
            StorageSnapshot snapshot = null;
            if (spec.snapshotId() != null) {
                snapshot = cloud.snapshots.get(spec.snapshotId());
                if (snapshot == null) {
                    throw new InvalidArgumentException("snapshot_id", "snapshot '" + spec.snapshotId() + "' not found");
                }
            }
            long fromSnapshot = snapshot == null ? 1 : cloud.volumes.containsKey(snapshot.volumeId())
                    ? cloud.volumes.get(snapshot.volumeId()).capacityGb() : 1;
            long capacity = spec.capacityGb() == null ? fromSnapshot : spec.capacityGb();
            if (capacity < fromSnapshot || capacity > MAX_CAPACITY_GB) {
                throw new InvalidArgumentException("capacity", "capacity must be between " + fromSnapshot + " and "
                        + MAX_CAPACITY_GB + " GB, not " + capacity);
            }
            String realm = spec.realmId() == null ? cloud.realms.get(0).id() : spec.realmId();
            if (cloud.realms.stream().noneMatch(r -> r.id().equals(realm))) {
                throw new InvalidArgumentException("realm_id", "realm '" + realm + "' not found");
            }
            String id = cloud.nextId("vol", cloud.volumes);
            StorageVolume volume = new StorageVolume(id, spec.name() == null || spec.name().isBlank() ? id : spec.name(),
                    capacity, realm, "AVAILABLE", spec.description(), spec.snapshotId(), null, cloud.now());
            cloud.volumes.put(id, volume);
            return volume;
        }
    }

    @Override
    public void delete(String id) {
        synchronized (cloud) {
            StorageVolume volume = get(id);
            if (volume.attachment() != null) {
                throw new InvalidStateException("storage volume " + id + " is attached to " + volume.attachment().instanceId());
            }
            cloud.volumes.remove(id);
        }
    }

    @Override
    public StorageVolume attach(String volumeId, String instanceId, String device) {
        synchronized (cloud) {
            StorageVolume volume = get(volumeId);
            Instance instance = session.instance(instanceId);
            if (volume.attachment() != null) {
                throw new InvalidStateException("storage volume " + volumeId + " is already attached to "
                        + volume.attachment().instanceId());
            }
            if (!volume.realmId().equals(instance.realmId())) {
                throw new InvalidArgumentException("instance_id", "storage volume " + volumeId + " is in realm "
                        + volume.realmId() + ", instance " + instanceId + " in " + instance.realmId());
            }
            String dev = device == null || device.isBlank() ? nextDevice(instance) : device;
            if (instance.volumes().stream().anyMatch(a -> dev.equals(a.device()))) {
                throw new InvalidArgumentException("device", "device " + dev + " is in use on " + instanceId);
            }
            VolumeAttachment attachment = new VolumeAttachment(volumeId, instanceId, dev);
            StorageVolume attached = withAttachment(volume, attachment, "IN-USE");
            cloud.volumes.put(volumeId, attached);
            cloud.updateInstance(instanceId, i -> MockInstances.withVolumes(i, plus(i.volumes(), attachment)));
            return attached;
        }
    }

    @Override
    public StorageVolume detach(String volumeId) {
        synchronized (cloud) {
            StorageVolume volume = get(volumeId);
            VolumeAttachment attachment = volume.attachment();
            if (attachment == null) {
                throw new InvalidStateException("storage volume " + volumeId + " is not attached");
            }
            StorageVolume detached = withAttachment(volume, null, "AVAILABLE");
            cloud.volumes.put(volumeId, detached);
            cloud.updateInstance(attachment.instanceId(), i -> MockInstances.withVolumes(i,
                    i.volumes().stream().filter(a -> !a.volumeId().equals(volumeId)).toList()));
            return detached;
        }
    }

    /** The volume with a new attachment (null: detached) and state. */
    static StorageVolume withAttachment(StorageVolume v, VolumeAttachment attachment, String state) {
        return new StorageVolume(v.id(), v.name(), v.capacityGb(), v.realmId(), state, v.description(),
                v.snapshotId(), attachment, v.createdAt());
    }

    private static String nextDevice(Instance instance) {
        for (char c = 'b'; c <= 'z'; c++) {
            String candidate = "/dev/vd" + c;
            if (instance.volumes().stream().noneMatch(a -> candidate.equals(a.device()))) {
                return candidate;
            }
        }
        throw new InvalidStateException("instance " + instance.id() + " has no free device name");
    }

    private static List<VolumeAttachment> plus(List<VolumeAttachment> list, VolumeAttachment item) {
        List<VolumeAttachment> copy = new ArrayList<>(list);
        copy.add(item);
        return copy;
    }

}
