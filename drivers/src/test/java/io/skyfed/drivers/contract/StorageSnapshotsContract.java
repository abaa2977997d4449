package io.skyfed.drivers.contract;

import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.StorageSnapshot;
import io.skyfed.drivers.spi.StorageSnapshotService;
import io.skyfed.drivers.spi.StorageVolume;
import io.skyfed.drivers.spi.StorageVolumeService;
import io.skyfed.drivers.spi.StorageVolumeSpec;
import org.junit.jupiter.api.Test;

import static io.skyfed.drivers.contract.DriverContractTest.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of the storage_snapshots collection (snapshots of volumes), for drivers that declare it. */
public interface StorageSnapshotsContract extends DriverUnderTest {

    /**
     * Puts a new volume where the provider can snapshot it. Most snapshot any volume; oVirt snapshots a disk only
     * through the VM it is attached to, so its test attaches the volume here.
     */
    default void readyForSnapshot(StorageVolume volume) {
    }

    /** Undoes {@link #readyForSnapshot} before the volume is deleted. */
    default void doneWithSnapshot(StorageVolume volume) {
    }

    @Test
    default void snapshotsAreTakenOfVolumesAndDeleted() {
        StorageVolumeService volumes = session().storageVolumes().orElseThrow();
        StorageSnapshotService snapshots = session().storageSnapshots().orElseThrow();
        StorageVolume volume = volumes.create(new StorageVolumeSpec(uniqueName("vol"), 1L,
                session().realms().get(0).id(), null, null));
        try {
            readyForSnapshot(volume);
            StorageSnapshot snapshot = snapshots.create(volume.id(), uniqueName("snap"), "contract test");
            try {
                assertThat(snapshot.volumeId()).isEqualTo(volume.id());
                assertThat(snapshots.get(snapshot.id()).volumeId()).isEqualTo(volume.id());
                assertThat(snapshots.list()).extracting(StorageSnapshot::id).contains(snapshot.id());
            } finally {
                snapshots.delete(snapshot.id());
            }
            assertThatThrownBy(() -> snapshots.get(snapshot.id())).isInstanceOf(NotFoundException.class);
        } finally {
            doneWithSnapshot(volume);
            volumes.delete(volume.id());
        }
        int before = snapshots.list().size();
        assertThatThrownBy(() -> snapshots.create("no-such-volume", "snap", null))
                .isInstanceOf(InvalidArgumentException.class)
                .extracting(e -> ((InvalidArgumentException) e).parameter()).isEqualTo("volume_id");
        assertThat(snapshots.list()).hasSize(before);
    }
}
