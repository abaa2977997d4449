package io.skyfed.drivers.vsphere;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.drivers.spi.CollectionKind;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.OperationNotSupportedException;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import io.skyfed.drivers.spi.StorageSnapshotService;
import io.skyfed.drivers.spi.StorageVolume;
import io.skyfed.drivers.spi.StorageVolumeService;
import io.skyfed.drivers.spi.StorageVolumeSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Volumes and snapshots as First Class Disks through the VI JSON API: where they go, when they are offered, and
 * their faults (failed tasks, lost answers, a vCenter without the VI JSON API). The seeded vCenter: DC-Lab
 * (datacenter-3) with datastore-14 and datastore-17 and VMs vm-41..43; DC-Edge (datacenter-21) with datastore-29.
 */
class VsphereVolumeServiceTest {

    private static final VsphereStubs STUBS = new VsphereStubs();
    private static final AtomicInteger PROVIDERS = new AtomicInteger();
    private static final String RELEASE = "8.0.1.0";
    private static final String MANAGER = "/sdk/vim25/" + RELEASE + "/VcenterVStorageObjectManager/VStorageObjectManager/";

    private final VsphereDriverFactory factory = new VsphereDriverFactory();

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void reset() {
        STUBS.resetFaults();
    }

    @AfterEach
    void serveAgain() {
        STUBS.vcenter.serveViJson(true);
    }

    private DriverSession connect(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of("fault.timeout", "PT3S", "fault.max-retries", "2",
                "fault.retry-base", "PT0.01S", "fault.retry-max-delay", "PT1S"));
        properties.putAll(extra);
        return factory.connect(VsphereStubs.credentials(), STUBS.settings("vsphere-volumes-"
                + PROVIDERS.incrementAndGet(), properties));
    }

    private StorageVolumeService volumes() {
        return connect(Map.of("vi-json-release", RELEASE)).storageVolumes().orElseThrow();
    }

    @Test
    void volumesAndSnapshotsAreDeclaredButOfferedOnlyWithARelease() {
        DriverSession session = connect(Map.of());
        assertThat(session.storageVolumes()).isEmpty();
        assertThat(session.storageSnapshots()).isEmpty();
        assertThat(factory.supports(CollectionKind.STORAGE_VOLUMES)).as("what the driver can serve").isTrue();
        assertThat(factory.supports(CollectionKind.STORAGE_SNAPSHOTS)).isTrue();
        assertThat(connect(Map.of("vi-json-release", RELEASE)).storageSnapshots()).isPresent();
    }

    @Test
    void aVolumeIsAThinDiskOnTheRealmsFirstDatastoreOrTheConfiguredOne() {
        StorageVolume first = volumes().create(new StorageVolumeSpec("data-first", 3L, "datacenter-3", null, null));
        StorageVolume configured = connect(Map.of("vi-json-release", RELEASE, "datastore", "datastore-17"))
                .storageVolumes().orElseThrow().create(new StorageVolumeSpec("data-nfs", 1L, null, null, null));
        try {
            assertThat(first.id()).startsWith("datastore-14:");
            assertThat(first.name()).isEqualTo("data-first");
            assertThat(first.capacityGb()).isEqualTo(3);
            assertThat(first.realmId()).isEqualTo("datacenter-3");
            assertThat(first.state()).isEqualTo("AVAILABLE");
            assertThat(first.attachment()).isNull();
            assertThat(first.createdAt()).isNotNull();
            assertThat(configured.id()).startsWith("datastore-17:");
            assertThat(volumes().list()).extracting(StorageVolume::id).contains(first.id(), configured.id());
            assertThat(STUBS.server.findAll(postRequestedFor(urlPathEqualTo(MANAGER + "CreateDisk_Task")))
                    .get(0).getBodyAsString()).contains("\"capacityInMB\":3072", "\"provisioningType\":\"thin\"",
                    "\"value\":\"datastore-14\"");
        } finally {
            volumes().delete(first.id());
            volumes().delete(configured.id());
        }
        assertThatThrownBy(() -> volumes().get(first.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void badRequestsAreRefusedBeforeAnyDiskIsMade() {
        int before = STUBS.vcenter.disks();
        StorageVolumeService volumes = volumes();
        assertThatThrownBy(() -> volumes.create(new StorageVolumeSpec("x", 0L, null, null, null)))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> volumes.create(new StorageVolumeSpec("x", 1L, "datacenter-99", null, null)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("datacenter-99");
        assertThatThrownBy(() -> volumes.create(new StorageVolumeSpec("a/b", 1L, null, null, null)))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> connect(Map.of("vi-json-release", RELEASE, "datastore", "datastore-29"))
                .storageVolumes().orElseThrow().create(new StorageVolumeSpec("x", 1L, "datacenter-3", null, null)))
                .as("the configured datastore is in another datacenter").isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("datastore-29");
        assertThatThrownBy(() -> volumes.get("no-such-volume")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> volumes.get("datastore-14:0000-none")).isInstanceOf(NotFoundException.class);
        StorageVolume taken = volumes.create(new StorageVolumeSpec("taken", 1L, null, null, null));
        try {
            assertThatThrownBy(() -> volumes.create(new StorageVolumeSpec("taken", 1L, null, null, null)))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("taken");
            assertThat(STUBS.vcenter.disksNamed("taken")).isEqualTo(1);
        } finally {
            volumes.delete(taken.id());
        }
        assertThat(STUBS.vcenter.disks()).isEqualTo(before);
    }

    @Test
    void anAttachedVolumeCannotBeDeletedAndAttachesOnlyToKnownInstances() {
        StorageVolumeService volumes = volumes();
        StorageVolume volume = volumes.create(new StorageVolumeSpec("attached", 1L, null, null, null));
        try {
            assertThatThrownBy(() -> volumes.attach(volume.id(), "vm-9999", null))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("vm-9999");
            StorageVolume attached = volumes.attach(volume.id(), "vm-42", null);
            assertThat(attached.state()).isEqualTo("IN-USE");
            assertThat(attached.attachment().instanceId()).isEqualTo("vm-42");
            assertThatThrownBy(() -> volumes.attach(volume.id(), "vm-41", null))
                    .isInstanceOf(InvalidStateException.class);
            assertThatThrownBy(() -> volumes.delete(volume.id())).isInstanceOf(InvalidStateException.class);
            assertThat(volumes.detach(volume.id()).attachment()).isNull();
        } finally {
            volumes.delete(volume.id());
        }
    }

    @Test
    void aCreateTaskEndingInErrorSaysWhyAndLeavesNothing() {
        int before = STUBS.vcenter.disks();
        STUBS.vcenter.failNextTask("InvalidDatastore");
        assertThatThrownBy(() -> volumes().create(new StorageVolumeSpec("doomed", 1L, null, null, null)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("InvalidDatastore");
        STUBS.vcenter.failNextTask("SystemError");
        assertThatThrownBy(() -> volumes().create(new StorageVolumeSpec("doomed", 1L, null, null, null)))
                .as("a fault of vCenter's own").isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("SystemError");
        assertThat(STUBS.vcenter.disks()).isEqualTo(before);
        assertThat(STUBS.server.findAll(postRequestedFor(urlPathEqualTo(MANAGER + "CreateDisk_Task"))))
                .as("a failed task is not started again").hasSize(2);
    }

    @Test
    void aLostCreateAnswerMakesOneDiskOnly() {
        STUBS.vcenter.loseNextAnswerTo(MANAGER + "CreateDisk_Task");
        StorageVolumeService volumes = volumes();
        StorageVolume volume = volumes.create(new StorageVolumeSpec("lost-answer", 2L, null, null, null));
        try {
            assertThat(STUBS.vcenter.disksNamed("lost-answer")).isEqualTo(1);
            assertThat(volume.name()).isEqualTo("lost-answer");
            assertThat(volume.capacityGb()).isEqualTo(2);
            assertThat(STUBS.server.findAll(postRequestedFor(urlPathEqualTo(MANAGER + "CreateDisk_Task"))))
                    .as("the look-up found the first attempt's disk").hasSize(1);
        } finally {
            volumes.delete(volume.id());
        }
    }

    @Test
    void aSnapshotTaskEndingInErrorLeavesNoSnapshot() {
        DriverSession session = connect(Map.of("vi-json-release", RELEASE));
        StorageVolumeService volumes = session.storageVolumes().orElseThrow();
        StorageSnapshotService snapshots = session.storageSnapshots().orElseThrow();
        StorageVolume volume = volumes.create(new StorageVolumeSpec("snapped", 1L, null, null, null));
        try {
            STUBS.vcenter.failNextTask("FileLocked");
            assertThatThrownBy(() -> snapshots.create(volume.id(), "nightly", null))
                    .isInstanceOf(InvalidStateException.class).hasMessageContaining("FileLocked");
            assertThat(snapshots.list()).noneMatch(s -> s.volumeId().equals(volume.id()));
            var taken = snapshots.create(volume.id(), "nightly", "before upgrade");
            assertThat(taken.name()).isEqualTo("nightly");
            assertThat(taken.description()).isEqualTo("before upgrade");
            assertThat(taken.id()).startsWith(volume.id() + ":");
            snapshots.delete(taken.id());
            assertThatThrownBy(() -> snapshots.get(taken.id())).isInstanceOf(NotFoundException.class);
        } finally {
            volumes.delete(volume.id());
        }
    }

    @Test
    void aVcenterWithoutTheReleaseSaysVolumesNeedIt() {
        STUBS.vcenter.serveViJson(false);
        assertThatThrownBy(() -> volumes().list()).isInstanceOf(OperationNotSupportedException.class)
                .hasMessageContaining(RELEASE).hasMessageContaining("8.0 U1");
        assertThat(STUBS.server.findAll(anyRequestedFor(urlPathMatching(MANAGER + ".*")))).isEmpty();
    }
}
