package io.skyfed.drivers.rhevm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.drivers.spi.DiskExport;
import io.skyfed.drivers.spi.DiskImportSpec;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Disk import and export through image transfers and the image I/O endpoint of the fake engine: a disk goes in as a
 * template, boots a VM, and comes out of the stopped VM byte for byte; failures leave nothing behind.
 */
class RhevmDiskTransferTest {

    private static final OvirtStubs STUBS = new OvirtStubs();
    private static final AtomicInteger PROVIDERS = new AtomicInteger();
    private static final String TEMPLATE = "4f0b8a1e-0c61-11ef-8f0a-00163e5d2a01";

    private DriverSession session;
    private DiskTransferService transfer;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        STUBS.resetFaults();
        session = new RhevmDriverFactory().connect(OvirtStubs.credentials(), STUBS.settings(
                "rhevm-transfer-" + PROVIDERS.incrementAndGet(), Map.of("fault.timeout", "PT10S")));
        transfer = session.diskTransfer().orElseThrow();
    }

    @Test
    void diskImportedAsTemplateBootsAndExportsByteForByte() throws Exception {
        byte[] data = OvirtFake.pattern(2 * 1024 * 1024 + 5, 11);
        int vms = STUBS.engine.vmCount();
        int disks = STUBS.engine.diskCount();
        Image image = transfer.importDisk(new DiskImportSpec("migrated-web-1", "qcow2", 20L << 30, data.length,
                "x86_64"), new ByteArrayInputStream(data));
        assertThat(image.name()).isEqualTo("migrated-web-1");
        assertThat(image.state()).isEqualTo("AVAILABLE");
        assertThat(session.images(ImageFilter.ALL)).extracting(Image::id).contains(image.id());
        assertThat(STUBS.engine.templateContent(image.id())).isEqualTo(data);
        assertThat(STUBS.engine.vmCount()).as("the temporary VM is gone").isEqualTo(vms);
        assertThat(STUBS.engine.diskCount()).as("the uploaded disk went with it").isEqualTo(disks);
        assertThat(STUBS.engine.openTransfers()).isZero();

        Instance instance = session.createInstance(InstanceSpec.ofImage(image.id()));
        try {
            await(instance.id(), InstanceState.RUNNING);
            assertThatThrownBy(() -> transfer.exportDisk(instance.id(), "qcow2"))
                    .isInstanceOf(InvalidStateException.class);
            session.stop(instance.id());
            await(instance.id(), InstanceState.STOPPED);
            byte[] exported;
            try (DiskExport export = transfer.exportDisk(instance.id(), "qcow2")) {
                assertThat(export.format()).isEqualTo("qcow2");
                assertThat(export.contentLength()).isEqualTo(data.length);
                exported = export.content().readAllBytes();
            }
            assertThat(exported).isEqualTo(data);
            assertThat(STUBS.engine.openTransfers()).as("the download was finalized").isZero();
        } finally {
            session.destroy(instance.id());
        }
    }

    @Test
    void rawExportAsksTheEngineForRawAndAnEarlyCloseCancels() throws Exception {
        Instance instance = session.createInstance(InstanceSpec.ofImage(TEMPLATE));
        try {
            await(instance.id(), InstanceState.RUNNING);
            session.stop(instance.id());
            await(instance.id(), InstanceState.STOPPED);
            try (DiskExport export = transfer.exportDisk(instance.id(), "raw")) {
                assertThat(export.format()).isEqualTo("raw");
                assertThat(export.content().read()).isGreaterThanOrEqualTo(0);
                assertThat(STUBS.engine.openTransfers()).isEqualTo(1);
            }
            assertThat(STUBS.engine.openTransfers()).as("closing early cancels the transfer").isZero();
            assertThat(STUBS.server.findAll(postRequestedFor(urlPathEqualTo(OvirtFake.API + "/imagetransfers"))
                    .withRequestBody(containing("\"format\":\"raw\"")))).hasSize(1);
        } finally {
            session.destroy(instance.id());
        }
    }

    @Test
    void failedUploadLeavesNothingBehind() {
        int vms = STUBS.engine.vmCount();
        int disks = STUBS.engine.diskCount();
        int templates = STUBS.engine.templateCount();
        STUBS.server.stubFor(put(urlPathMatching(OvirtFake.IMAGEIO + ".*")).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        InputStream data = new ByteArrayInputStream(OvirtFake.pattern(4096, 3));
        assertThatThrownBy(() -> transfer.importDisk(new DiskImportSpec("doomed", "raw", 4096, 4096, null), data))
                .isInstanceOf(ProviderUnavailableException.class);
        assertThat(STUBS.engine.diskCount()).isEqualTo(disks);
        assertThat(STUBS.engine.vmCount()).isEqualTo(vms);
        assertThat(STUBS.engine.templateCount()).isEqualTo(templates);
        assertThat(STUBS.engine.openTransfers()).isZero();
    }

    @Test
    void refusesFormatsAndNamesBeforeCreatingAnything() {
        int disks = STUBS.engine.diskCount();
        assertThatThrownBy(() -> transfer.importDisk(new DiskImportSpec("odd", "vmdk", 1 << 20, 1 << 20, null),
                new ByteArrayInputStream(new byte[1]))).isInstanceOf(InvalidArgumentException.class)
                .extracting(e -> ((InvalidArgumentException) e).parameter()).isEqualTo("format");
        assertThatThrownBy(() -> transfer.importDisk(new DiskImportSpec("rhel-9-base", "raw", 1 << 20, 1 << 20,
                null), new ByteArrayInputStream(new byte[1]))).isInstanceOf(InvalidArgumentException.class)
                .extracting(e -> ((InvalidArgumentException) e).parameter()).isEqualTo("name");
        assertThatThrownBy(() -> transfer.importDisk(new DiskImportSpec("../../etc", "raw", 1 << 20, 1 << 20,
                null), new ByteArrayInputStream(new byte[1]))).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> transfer.exportDisk("web-1", "vhdx")).isInstanceOf(InvalidArgumentException.class);
        assertThat(STUBS.engine.diskCount()).isEqualTo(disks);
    }

    private void await(String instanceId, InstanceState state) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (session.instance(instanceId).state() != state) {
            assertThat(System.nanoTime()).as(instanceId + " to reach " + state).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
