package io.skyfed.drivers.spi;

import java.util.List;

/** Block storage ({@link CollectionKind#STORAGE_VOLUMES}). */
public interface StorageVolumeService {

    List<StorageVolume> list();

    /** @throws NotFoundException when there is no such volume */
    StorageVolume get(String id);

    /** @throws InvalidArgumentException for a bad size, unknown realm or snapshot */
    StorageVolume create(StorageVolumeSpec spec);

    /** @throws InvalidStateException while the volume is attached */
    void delete(String id);

    /**
     * Attaches the volume to an instance.
     *
     * @param device the guest device (e.g. /dev/sdb); null lets the driver choose
     * @throws InvalidStateException when the volume is already attached
     */
    StorageVolume attach(String volumeId, String instanceId, String device);

    /** @throws InvalidStateException when the volume is not attached */
    StorageVolume detach(String volumeId);
}
