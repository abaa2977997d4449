package io.skyfed.drivers.spi;

import java.util.List;

/** Volume snapshots ({@link CollectionKind#STORAGE_SNAPSHOTS}). */
public interface StorageSnapshotService {

    List<StorageSnapshot> list();

    /** @throws NotFoundException when there is no such snapshot */
    StorageSnapshot get(String id);

    /** @throws InvalidArgumentException (parameter {@code volume_id}) when the volume does not exist */
    StorageSnapshot create(String volumeId, String name, String description);

    /** @throws NotFoundException when there is no such snapshot */
    void delete(String id);
}
