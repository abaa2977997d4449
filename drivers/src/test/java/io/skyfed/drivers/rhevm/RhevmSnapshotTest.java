package io.skyfed.drivers.rhevm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.StorageSnapshot;
import io.skyfed.drivers.spi.StorageSnapshotService;
import io.skyfed.drivers.spi.StorageVolume;
import io.skyfed.drivers.spi.StorageVolumeService;
import io.skyfed.drivers.spi.StorageVolumeSpec;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Disk snapshots taken through the VM a disk is attached to (VM snapshots of one disk), against the engine fake. */
class RhevmSnapshotTest {

    private static final OvirtStubs STUBS = new OvirtStubs();
    private static final String WEB_1 = "d7e5b2c1-0c62-11ef-bc39-00163e5d2a01";

    private DriverSession session;
    private StorageVolumeService volumes;
    private StorageSnapshotService snapshots;
    private StorageVolume volume;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        STUBS.resetFaults();
        session = new RhevmDriverFactory().connect(OvirtStubs.credentials(), STUBS.settings("rhevm-snapshots",
                Map.of("fault.timeout", "PT5S", "fault.retry-base", "PT0.01S", "poll-interval", "PT0.05S")));
        volumes = session.storageVolumes().orElseThrow();
        snapshots = session.storageSnapshots().orElseThrow();
        volume = volumes.create(new StorageVolumeSpec("snap-vol-" + UUID.randomUUID().toString().substring(0, 6), 1L,
                session.realms().get(0).id(), null, null));
    }

    @AfterEach
    void cleanUp() {
        if (volumes.get(volume.id()).attachment() != null) {
            volumes.detach(volume.id());
        }
        volumes.delete(volume.id());
        session.close();
    }

    @Test
    void aFloatingDiskCannotBeSnapshotted() {
        int before = snapshots.list().size();
        assertThatThrownBy(() -> snapshots.create(volume.id(), "nightly", null))
                .isInstanceOf(InvalidStateException.class).hasMessageContaining("attached");
        assertThat(snapshots.list()).hasSize(before);
    }

    @Test
    void aSnapshotOfOneDiskKeepsNameAndDescriptionAndHidesTheActiveSnapshot() {
        volumes.attach(volume.id(), WEB_1, null);
        StorageSnapshot snapshot = snapshots.create(volume.id(), "nightly", "before upgrade");
        try {
            assertThat(snapshot.id()).isEqualTo(WEB_1 + ":" + snapshot.id().split(":")[1]);
            assertThat(snapshot.name()).isEqualTo("nightly");
            assertThat(snapshot.description()).isEqualTo("before upgrade");
            assertThat(snapshot.volumeId()).isEqualTo(volume.id());
            assertThat(snapshot.state()).isEqualTo("AVAILABLE");
            assertThat(snapshot.createdAt()).isNotNull();
            // the VM's "Active VM" snapshot is the VM's current state, not a snapshot of a volume
            assertThat(snapshots.list()).extracting(StorageSnapshot::id).containsExactly(snapshot.id());
            assertThatThrownBy(() -> snapshots.create(volume.id(), "nightly", null))
                    .isInstanceOf(InvalidArgumentException.class);
        } finally {
            snapshots.delete(snapshot.id());
        }
        assertThat(STUBS.engine.snapshotCount(WEB_1)).isZero();
    }

    @Test
    void aCreateRefusedWith503IsLookedUpThenMadeOnce() {
        volumes.attach(volume.id(), WEB_1, null);
        String path = OvirtFake.API + "/vms/" + WEB_1 + "/snapshots";
        STUBS.server.stubFor(post(urlPathEqualTo(path)).atPriority(1).inScenario("snapshot 503")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(503))
                .willSetStateTo("failed"));
        StorageSnapshot snapshot = snapshots.create(volume.id(), "retried", null);
        try {
            assertThat(STUBS.server.findAll(postRequestedFor(urlPathEqualTo(path)))).hasSize(2);
            assertThat(STUBS.engine.snapshotCount(WEB_1)).isEqualTo(1);
        } finally {
            snapshots.delete(snapshot.id());
        }
    }
}
