package io.skyfed.drivers.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.drivers.spi.DiskExport;
import io.skyfed.drivers.spi.DiskImportSpec;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Disk import (converted to a MiB-aligned fixed VHD, paged into an upload disk, made an image) and export (the OS
 * disk of a deallocated VM through a read SAS), end to end against the fake.
 */
class AzureDiskTransferTest {

    private static final AzureStubs STUBS = new AzureStubs();
    private static final AzureDriverFactory FACTORY = new AzureDriverFactory();
    private static final int MIB = 1 << 20;

    private DriverSession session;
    private DiskTransferService transfer;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        STUBS.resetFaults();
        session = FACTORY.connect(AzureStubs.credentials(), STUBS.settings("azure-disks", Map.of()));
        transfer = session.diskTransfer().orElseThrow();
    }

    /** A raw disk of 21 MiB + 4 KiB (not MiB-aligned) with data at its start, in the middle, and at its end. */
    private static byte[] rawDisk() {
        byte[] disk = new byte[21 * MIB + 4096];
        byte[] marker = "skyfed-azure-import".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(marker, 0, disk, 0, marker.length);
        Arrays.fill(disk, 10 * MIB, 10 * MIB + 700, (byte) 0x5a);
        Arrays.fill(disk, disk.length - 100, disk.length, (byte) 0x7e);
        return disk;
    }

    @Test
    void importedDiskBecomesAnImageAndExportsAsTheSameBytes() throws IOException {
        byte[] raw = rawDisk();
        Image image = transfer.importDisk(new DiskImportSpec("imported-1", "raw", raw.length, raw.length, "x86_64"),
                new ByteArrayInputStream(raw));
        assertThat(image.id()).isEqualTo("imported-1");
        assertThat(session.images(io.skyfed.drivers.spi.ImageFilter.ALL)).extracting(Image::id).contains("imported-1");

        byte[] uploaded = STUBS.arm.contentOf("imported-1-disk");
        assertThat(uploaded).as("a fixed VHD rounded up to 22 MiB plus its footer").hasSize(22 * MIB + 512);
        assertThat(Arrays.copyOf(uploaded, raw.length)).isEqualTo(raw);
        assertThat(new String(uploaded, 22 * MIB, 8, StandardCharsets.US_ASCII)).isEqualTo("conectix");

        Instance vm = session.createInstance(new InstanceSpec("imported-1", null, null, Map.of(), "from-import", null,
                null, List.of()));
        try {
            assertThatThrownBy(() -> transfer.exportDisk(vm.id(), "vpc")).isInstanceOf(InvalidStateException.class);
            awaitState(vm.id(), InstanceState.RUNNING);
            session.stop(vm.id());
            awaitState(vm.id(), InstanceState.STOPPED);
            try (DiskExport export = transfer.exportDisk(vm.id(), "vpc")) {
                assertThat(export.format()).isEqualTo("vpc");
                assertThat(export.contentLength()).isEqualTo(uploaded.length);
                assertThat(export.virtualSize()).isEqualTo(22L * MIB);
                assertThat(readAll(export.content())).isEqualTo(uploaded);
            }
        } finally {
            session.destroy(vm.id());
        }
    }

    @Test
    void unreadableDiskIsRefusedAndLeavesNothing() {
        int disks = STUBS.arm.count("Microsoft.Compute/disks");
        byte[] notQcow2 = "QFI\u00fbthis is not a qcow2 header".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> transfer.importDisk(new DiskImportSpec("broken", "qcow2", -1, notQcow2.length, null),
                new ByteArrayInputStream(notQcow2))).isInstanceOf(InvalidArgumentException.class);
        assertThat(STUBS.arm.count("Microsoft.Compute/disks")).isEqualTo(disks);
    }

    @Test
    void failedUploadDeletesTheDisk() {
        int disks = STUBS.arm.count("Microsoft.Compute/disks");
        STUBS.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.put(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/sas/.*")).atPriority(1)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(403)));
        byte[] raw = rawDisk();
        assertThatThrownBy(() -> transfer.importDisk(new DiskImportSpec("refused", "raw", raw.length, raw.length,
                null), new ByteArrayInputStream(raw))).isInstanceOf(RuntimeException.class);
        assertThat(STUBS.arm.count("Microsoft.Compute/disks")).isEqualTo(disks);
        assertThat(session.images(io.skyfed.drivers.spi.ImageFilter.ALL)).extracting(Image::id)
                .doesNotContain("refused");
    }

    private void awaitState(String id, InstanceState state) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (session.instance(id).state() != state) {
            assertThat(System.nanoTime()).as(id + " to reach " + state).isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
