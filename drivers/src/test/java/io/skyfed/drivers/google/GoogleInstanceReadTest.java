package io.skyfed.drivers.google;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceAction;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.StorageVolume;
import io.skyfed.drivers.spi.StorageVolumeService;
import io.skyfed.drivers.spi.StorageVolumeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Instance reads beyond the contract: every GCE status maps into the state machine (including the SUSPENDING and
 * SUSPENDED that jclouds' own model cannot parse), lists follow nextPageToken (the driver's own and jclouds'), and
 * instances made by others show.
 */
class GoogleInstanceReadTest {

    private static final GoogleStubs STUBS = new GoogleStubs();

    private DriverSession session;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        session = new GoogleDriverFactory().connect(STUBS.credentials(), STUBS.settings("google-reads", Map.of()));
    }

    @AfterEach
    void cleanUp() {
        STUBS.gce.remove("us-central1-b", "other-");
    }

    @Test
    void everyStatusMapsToAStateOfTheMachine() {
        Map<String, InstanceState> expected = Map.of("PROVISIONING", InstanceState.PENDING,
                "STAGING", InstanceState.PENDING, "REPAIRING", InstanceState.PENDING,
                "RUNNING", InstanceState.RUNNING, "STOPPING", InstanceState.STOPPING,
                "SUSPENDING", InstanceState.STOPPING, "STOPPED", InstanceState.STOPPED,
                "SUSPENDED", InstanceState.STOPPED, "TERMINATED", InstanceState.STOPPED);
        expected.forEach((status, state) -> {
            assertThat(GoogleStates.of(status)).as(status).isEqualTo(state);
            assertThat(GoogleStates.MACHINE.states()).contains(state);
        });
        assertThat(GoogleStates.of("SOMETHING_NEW")).isEqualTo(InstanceState.ERROR);
    }

    @Test
    void aSuspendedInstanceReadsAsStoppedAndCanBeStartedOrDestroyed() {
        STUBS.gce.seed("us-central1-b", "other-suspended-", 1, "SUSPENDED");
        Instance suspended = session.instance("other-suspended-0");
        assertThat(suspended.state()).isEqualTo(InstanceState.STOPPED);
        assertThat(suspended.actions()).containsExactlyInAnyOrder(InstanceAction.START, InstanceAction.DESTROY);
        assertThat(suspended.realmId()).isEqualTo("us-central1-b");
        assertThat(suspended.profile().hardwareProfileId()).isEqualTo("e2-medium");
        assertThat(suspended.publicAddresses()).isNotEmpty();
        assertThat(suspended.privateAddresses()).isNotEmpty();
    }

    @Test
    void listsFollowPageTokensAcrossZones() {
        STUBS.gce.seed("us-central1-b", "other-many-", 11, "RUNNING");
        assertThat(session.instances()).filteredOn(i -> i.id().startsWith("other-many-")).hasSize(11)
                .allMatch(i -> i.state() == InstanceState.RUNNING);
        assertThat(session.instances()).extracting(Instance::id).contains("web-1").doesNotHaveDuplicates();
    }

    /** jclouds' disk list is an iterator of pages: advancing it must fetch every page, each disk once. */
    @Test
    void jcloudsListsFollowPageTokensToo() {
        StorageVolumeService volumes = session.storageVolumes().orElseThrow();
        List<String> made = new ArrayList<>();
        try {
            for (int n = 0; n < 5; n++) {
                made.add(volumes.create(new StorageVolumeSpec("paged-disk-" + n, 1L, "us-central1-b", null, null))
                        .id());
            }
            int pages = STUBS.gce.diskPages();
            List<String> listed = volumes.list().stream().map(StorageVolume::id).toList();
            assertThat(listed).containsAll(made).doesNotHaveDuplicates();
            assertThat(STUBS.gce.diskPages() - pages).as("pages of four in us-central1-b, and the other zones")
                    .isGreaterThanOrEqualTo(2);
        } finally {
            made.forEach(volumes::delete);
        }
    }
}
