package io.skyfed.drivers.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.StorageSnapshot;
import io.skyfed.drivers.spi.StorageSnapshotService;
import io.skyfed.drivers.spi.StorageVolume;
import io.skyfed.drivers.spi.StorageVolumeService;
import io.skyfed.drivers.spi.StorageVolumeSpec;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Volumes and their snapshots in the described host's volume pool, with attachments read from domain definitions. */
class LibvirtVolumeTest {

    private static final AtomicInteger PROVIDERS = new AtomicInteger();
    private static final String WEB_1 = "6695eb01-f6a4-8304-79aa-97f2502e193f";
    private static final String LEGACY_DB = "7795eb01-f6a4-8304-79aa-97f2502e193f";

    private final LibvirtDriverFactory factory = new LibvirtDriverFactory();
    private DriverSession session;
    private StorageVolumeService volumes;
    private StorageSnapshotService snapshots;

    @BeforeEach
    void connect() {
        session = factory.connect(LibvirtTestHost.credentials(),
                LibvirtTestHost.settings("kvm-volumes-" + PROVIDERS.incrementAndGet(), Map.of()));
        volumes = session.storageVolumes().orElseThrow();
        snapshots = session.storageSnapshots().orElseThrow();
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void describedVolumeShowsAttachedWhereTheDomainDefinitionPlugsIt() {
        StorageVolume data = volumes.get("web-1-data");
        assertThat(data.capacityGb()).isEqualTo(10);
        assertThat(data.state()).isEqualTo("IN-USE");
        assertThat(data.attachment().instanceId()).isEqualTo(WEB_1);
        assertThat(data.attachment().device()).isEqualTo("vdb");
        assertThat(data.realmId()).isEqualTo(LibvirtTestHost.REALM);
        assertThatThrownBy(() -> volumes.delete("web-1-data")).isInstanceOf(InvalidStateException.class);
    }

    @Test
    void snapshotIsACopyAVolumeCanBeMadeFrom() {
        StorageVolume source = volumes.create(new StorageVolumeSpec("scratch", 3L, null, null, null));
        StorageSnapshot snapshot = snapshots.create("scratch", "before-upgrade", "ignored: libvirt keeps none");
        assertThat(snapshot.id()).isEqualTo("scratch@before-upgrade");
        assertThat(snapshot.volumeId()).isEqualTo(source.id());
        assertThat(volumes.list()).extracting(StorageVolume::id).contains("scratch")
                .doesNotContain("scratch@before-upgrade");

        StorageVolume restored = volumes.create(new StorageVolumeSpec("restored", null, null, snapshot.id(), null));
        assertThat(restored.capacityGb()).as("takes the snapshot's size").isEqualTo(3);
        assertThatThrownBy(() -> volumes.create(new StorageVolumeSpec("smaller", 1L, null, snapshot.id(), null)))
                .isInstanceOf(InvalidArgumentException.class)
                .extracting(e -> ((InvalidArgumentException) e).parameter()).isEqualTo("capacity");
        assertThatThrownBy(() -> volumes.create(new StorageVolumeSpec("orphan", null, null, "scratch@nope", null)))
                .isInstanceOf(InvalidArgumentException.class)
                .extracting(e -> ((InvalidArgumentException) e).parameter()).isEqualTo("snapshot_id");
        assertThatThrownBy(() -> snapshots.create("scratch", "before-upgrade", null))
                .isInstanceOf(InvalidArgumentException.class);

        volumes.delete("scratch");
        assertThat(snapshots.get(snapshot.id()).volumeId()).as("a snapshot outlives its volume").isEqualTo("scratch");
        snapshots.delete(snapshot.id());
        assertThatThrownBy(() -> snapshots.get(snapshot.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void attachToAStoppedInstanceTakesTheNextFreeDevice() {
        volumes.create(new StorageVolumeSpec("logs", 2L, null, null, null));
        StorageVolume attached = volumes.attach("logs", LEGACY_DB, null);
        assertThat(attached.attachment().instanceId()).isEqualTo(LEGACY_DB);
        assertThat(attached.attachment().device()).as("vda is the boot disk").isEqualTo("vdb");
        assertThatThrownBy(() -> volumes.attach("logs", WEB_1, null)).isInstanceOf(InvalidStateException.class);
        assertThat(volumes.detach("logs").attachment()).isNull();
        volumes.delete("logs");
    }

    @Test
    void refusesBadNamesDevicesAndUnknownThings() {
        assertThatThrownBy(() -> volumes.create(new StorageVolumeSpec("a@b", 1L, null, null, null)))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> volumes.create(new StorageVolumeSpec("../etc", 1L, null, null, null)))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> volumes.create(new StorageVolumeSpec("web-1-data", 1L, null, null, null)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("exists");
        assertThatThrownBy(() -> volumes.create(new StorageVolumeSpec("elsewhere", 1L, "other-realm", null, null)))
                .isInstanceOf(InvalidArgumentException.class);
        volumes.create(new StorageVolumeSpec("spare", 1L, null, null, null));
        assertThatThrownBy(() -> volumes.attach("spare", LEGACY_DB, "/dev/sda"))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> volumes.attach("spare", WEB_1, "vdb")).isInstanceOf(InvalidStateException.class);
        assertThatThrownBy(() -> volumes.get("no-such")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> snapshots.get("spare")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> snapshots.create("no-such", "s", null)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void theVolumePoolCannotBeTheImagePool() {
        assertThatThrownBy(() -> factory.connect(LibvirtTestHost.credentials(),
                LibvirtTestHost.settings("kvm-same-pool", Map.of("volume-pool", "images"))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("volume-pool");
    }
}
