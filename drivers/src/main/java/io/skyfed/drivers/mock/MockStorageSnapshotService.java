package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.StorageSnapshot;
import io.skyfed.drivers.spi.StorageSnapshotService;

import java.util.List;

/** Snapshots complete at once; they outlive the volume they were taken of, as in EC2. */
final class MockStorageSnapshotService implements StorageSnapshotService {

    private final MockCloud cloud;

    MockStorageSnapshotService(MockCloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public List<StorageSnapshot> list() {
        return List.copyOf(cloud.snapshots.values());
    }

    @Override
    public StorageSnapshot get(String id) {
        return MockSession.get(cloud.snapshots, "storage snapshot", id);
    }

    @Override
    public StorageSnapshot create(String volumeId, String name, String description) {
        synchronized (cloud) {
            if (volumeId == null || !cloud.volumes.containsKey(volumeId)) {
                throw new InvalidArgumentException("volume_id", "storage volume '" + volumeId + "' not found");
            }
            String id = cloud.nextId("snap", cloud.snapshots);
            StorageSnapshot snapshot = new StorageSnapshot(id, name == null || name.isBlank() ? id : name, volumeId,
                    "COMPLETED", description, cloud.now());
            cloud.snapshots.put(id, snapshot);
            return snapshot;
        }
    }

    @Override
    public void delete(String id) {
        if (cloud.snapshots.remove(id) == null) {
            throw new NotFoundException("storage snapshot", id);
        }
    }
}
