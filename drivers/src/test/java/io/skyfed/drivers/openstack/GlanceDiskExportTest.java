package io.skyfed.drivers.openstack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import io.skyfed.drivers.spi.DiskExport;
import io.skyfed.drivers.spi.DiskImportSpec;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.HardwareProperty;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Disk export through a server snapshot in Glance: a disk imported, booted and exported comes back byte for byte,
 * the snapshot image is removed afterwards, and a snapshot request whose answer is lost is not repeated.
 */
class GlanceDiskExportTest {

    private static final NovaStubs STUBS = new NovaStubs();
    private static final AtomicInteger PROVIDERS = new AtomicInteger();
    private static final String RUNNING_SERVER = "5d3a1f6e-2b4c-4e8f-9a1b-3c5d7e9f0a2b";

    private DriverSession session;
    private DiskTransferService transfer;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        STUBS.resetFaults();
        session = new OpenStackDriverFactory().connect(NovaStubs.credentials(), STUBS.settings(
                "glance-export-" + PROVIDERS.incrementAndGet(), Map.of("fault.timeout", "PT10S",
                        "fault.retry-base", "PT0.01S", "disk-transfer.poll", "PT0.01S")));
        transfer = session.diskTransfer().orElseThrow();
    }

    @AfterEach
    void close() {
        session.close();
    }

    private Instance stoppedServerOf(byte[] disk) {
        Image image = transfer.importDisk(new DiskImportSpec("exported-" + disk.length, "qcow2", disk.length,
                disk.length, "x86_64"), new ByteArrayInputStream(disk));
        Instance instance = session.createInstance(InstanceSpec.ofImage(image.id()));
        await(instance.id(), InstanceState.RUNNING);
        session.stop(instance.id());
        await(instance.id(), InstanceState.STOPPED);
        return instance;
    }

    @Test
    void anImportedDiskBootedAndExportedComesBackByteForByte() throws Exception {
        byte[] disk = new byte[1 << 20];
        new Random(5).nextBytes(disk);
        Instance instance = stoppedServerOf(disk);
        int images = STUBS.nova.imageCount();

        try (DiskExport export = transfer.exportDisk(instance.id(), "qcow2")) {
            assertThat(export.format()).isEqualTo("qcow2");
            assertThat(export.contentLength()).isEqualTo(disk.length);
            String flavor = session.instance(instance.id()).profile().hardwareProfileId();
            long rootDisk = Long.parseLong(session.hardwareProfile(flavor).property(HardwareProperty.STORAGE)
                    .orElseThrow().value()) << 30;
            assertThat(export.virtualSize()).as("the flavour's root disk, as Glance gives no virtual_size")
                    .isEqualTo(rootDisk);
            assertThat(export.content().readAllBytes()).isEqualTo(disk);
            assertThat(STUBS.nova.imageCount()).as("the snapshot exists while it streams").isEqualTo(images + 1);
        }
        assertThat(STUBS.nova.imageCount()).as("the snapshot is deleted on close").isEqualTo(images);
        session.destroy(instance.id());
    }

    @Test
    void aFormatTheCloudDoesNotStoreIsRefusedAndTheSnapshotRemoved() {
        Instance instance = stoppedServerOf(new byte[4096]);
        int images = STUBS.nova.imageCount();
        assertThatThrownBy(() -> transfer.exportDisk(instance.id(), "raw"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("qcow2");
        assertThat(STUBS.nova.imageCount()).isEqualTo(images);
        assertThatThrownBy(() -> transfer.exportDisk(instance.id(), "vmdk"))
                .isInstanceOf(InvalidArgumentException.class);
        session.destroy(instance.id());
    }

    @Test
    void exportsOnlyStoppedServers() {
        int taken = STUBS.nova.snapshotsTaken();
        assertThatThrownBy(() -> transfer.exportDisk(RUNNING_SERVER, "qcow2"))
                .isInstanceOf(InvalidStateException.class);
        assertThat(STUBS.nova.snapshotsTaken()).isEqualTo(taken);
    }

    @Test
    void aSnapshotRequestThatNeverReachesNovaIsRetriedAfterLookUpsAndTakesNothing() {
        Instance instance = stoppedServerOf(new byte[2048]);
        int taken = STUBS.nova.snapshotsTaken();
        STUBS.server.stubFor(post(urlPathMatching(".*/servers/" + instance.id() + "/action")).atPriority(1)
                .withRequestBody(containing("createImage")).willReturn(aResponse()
                        .withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(() -> transfer.exportDisk(instance.id(), "qcow2"))
                .isInstanceOf(ProviderUnavailableException.class);
        assertThat(STUBS.server.findAll(postRequestedFor(urlPathMatching(".*/servers/" + instance.id() + "/action"))
                .withRequestBody(containing("createImage")))).as("the first and fault.max-retries' default 3")
                .hasSize(4);
        assertThat(STUBS.nova.snapshotsTaken()).isEqualTo(taken);
        STUBS.resetFaults();
        session.destroy(instance.id());
    }

    @Test
    void aSnapshotWhoseAnswerIsLostIsFoundInGlanceByNameAndTakenOnce() throws Exception {
        byte[] disk = new byte[2048];
        disk[7] = 7;
        Instance instance = stoppedServerOf(disk);
        int taken = STUBS.nova.snapshotsTaken();
        int images = STUBS.nova.imageCount();
        STUBS.nova.loseNextCreateImageAnswer();

        try (DiskExport export = transfer.exportDisk(instance.id(), "qcow2")) {
            assertThat(export.content().readAllBytes()).isEqualTo(disk);
        }

        assertThat(STUBS.server.findAll(postRequestedFor(urlPathMatching(".*/servers/" + instance.id() + "/action"))
                .withRequestBody(containing("createImage")))).hasSize(1);
        assertThat(STUBS.nova.snapshotsTaken() - taken).isEqualTo(1);
        assertThat(STUBS.nova.imageCount()).as("the snapshot is removed after the export").isEqualTo(images);
        session.destroy(instance.id());
    }

    private void await(String id, InstanceState state) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (session.instance(id).state() != state) {
            assertThat(Instant.now()).as(id + " reaches " + state).isBefore(deadline);
        }
    }
}
