package io.skyfed.drivers.vsphere;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.drivers.contract.DriverContractTest;
import io.skyfed.drivers.contract.PatternStream;
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
import io.skyfed.drivers.spi.OperationNotSupportedException;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import io.skyfed.image.Converter;
import io.skyfed.image.DiskImage;
import io.skyfed.image.FormatRegistry;
import io.skyfed.image.OpenOptions;
import io.skyfed.image.WriteOptions;
import io.skyfed.image.WriteTarget;
import io.skyfed.image.file.FileByteSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Disk export and import through the content library, against the vCenter fake. */
class VsphereDiskTransferTest {

    private static final VsphereStubs STUBS = new VsphereStubs();
    private static final String LIBRARY = "a1e5b7f4-3c2d-4e6f-8a9b-0c1d2e3f4a5b";
    private static final long DISK_SIZE = 3L << 20;
    private static byte[] vmdk;

    private final VsphereDriverFactory factory = new VsphereDriverFactory();
    private DriverSession session;
    private DiskTransferService disks;

    /** A real streamOptimized VMDK of a 3 MiB patterned disk, written by image-converter. */
    @BeforeAll
    static void makeDisk(@TempDir Path dir) throws IOException {
        Path raw = dir.resolve("disk.raw");
        try (InputStream pattern = new PatternStream(DISK_SIZE)) {
            Files.copy(pattern, raw);
        }
        FormatRegistry registry = FormatRegistry.load();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FileByteSource in = FileByteSource.open(raw);
             DiskImage source = registry.require("raw").open(in, OpenOptions.untrusted())) {
            new Converter().convert(source, registry.require("vmdk"), new WriteTarget.Stream(out),
                    new WriteOptions(WriteOptions.parse("subformat=streamOptimized"), false, 1), (done, total) -> { });
        }
        vmdk = out.toByteArray();
    }

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        STUBS.resetFaults();
        session = factory.connect(VsphereStubs.credentials(), STUBS.settings("vsphere-disks",
                Map.of("library", LIBRARY)));
        disks = session.diskTransfer().orElseThrow();
    }

    @Test
    void exportStreamsTheStoppedVmsDiskAndLeavesNothingBehind() throws IOException {
        STUBS.vcenter.setDisk("vm-42", vmdk);
        int ovfItems = STUBS.vcenter.itemsOfType("ovf").size();
        byte[] exported;
        try (DiskExport export = disks.exportDisk("vm-42", "vmdk")) {
            assertThat(export.format()).isEqualTo("vmdk");
            assertThat(export.virtualSize()).isEqualTo(DISK_SIZE);
            assertThat(export.contentLength()).isEqualTo(vmdk.length);
            assertThat(session.images(ImageFilter.ALL)).as("the temporary OVF is no image")
                    .noneMatch(i -> i.name().startsWith(VsphereDiskTransfer.EXPORT_PREFIX));
            exported = export.content().readAllBytes();
        }
        assertThat(exported).isEqualTo(vmdk);
        assertThat(STUBS.vcenter.itemsOfType("ovf")).hasSize(ovfItems);
        assertThat(STUBS.vcenter.openDownloadSessions()).isZero();
    }

    @Test
    void exportRefusesARunningVmAndUnknownFormats() {
        assertThatThrownBy(() -> disks.exportDisk("vm-41", "vmdk")).isInstanceOf(InvalidStateException.class);
        assertThatThrownBy(() -> disks.exportDisk("vm-42", "qcow2")).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void importedDiskBecomesAnImageThatBootsWithTheChosenSize() {
        String name = DriverContractTest.uniqueName("imported");
        Image image = disks.importDisk(new DiskImportSpec(name, "vmdk", DISK_SIZE, vmdk.length, "x86_64"),
                new ByteArrayInputStream(vmdk));
        assertThat(image.name()).isEqualTo(name);
        assertThat(image.ownerId()).isEqualTo(LIBRARY);
        assertThat(session.images(ImageFilter.ALL)).extracting(Image::id).contains(image.id());
        assertThat(STUBS.vcenter.itemFile(image.id(), VsphereOvf.DISK_FILE)).isEqualTo(vmdk);
        assertThat(new String(STUBS.vcenter.itemFile(image.id(), VsphereOvf.DESCRIPTOR_FILE), StandardCharsets.UTF_8))
                .contains("ovf:capacity=\"" + DISK_SIZE + "\"").contains("<Name>" + name + "</Name>");
        assertThat(STUBS.vcenter.updateSessionStates()).as("the completed session is ended").isEmpty();

        Instance booted = session.createInstance(new InstanceSpec(image.id(), null, VsphereProfiles.CUSTOM,
                Map.of("cpu", "3", "memory", "6144"), DriverContractTest.uniqueName("from-import"), null, null,
                List.of()));
        try {
            assertThat(booted.state()).isEqualTo(InstanceState.RUNNING);
            assertThat(booted.imageId()).isEqualTo(image.id());
            assertThat(STUBS.vcenter.size(booted.id())).containsExactly(3, 6144);
        } finally {
            session.destroy(booted.id());
        }
    }

    @Test
    void libraryItemCreateWhoseAnswerIsLostIsRetriedWithItsClientTokenAndMadeOnce() {
        int before = STUBS.vcenter.itemsOfType("ovf").size();
        STUBS.vcenter.loseNextAnswerTo("/api/content/library/item");
        Image image = disks.importDisk(new DiskImportSpec(DriverContractTest.uniqueName("retried"), "vmdk", DISK_SIZE,
                vmdk.length, null), new ByteArrayInputStream(vmdk));
        assertThat(STUBS.server.findAll(postRequestedFor(urlPathEqualTo("/api/content/library/item")))).hasSize(2);
        assertThat(STUBS.vcenter.itemsOfType("ovf")).hasSize(before + 1).contains(image.id());
        assertThat(STUBS.vcenter.itemFile(image.id(), VsphereOvf.DISK_FILE)).isEqualTo(vmdk);
    }

    @Test
    void failedUploadLeavesNoLibraryItem() {
        STUBS.server.stubFor(put(urlPathMatching("/cls-data/upload/.*/disk\\.vmdk")).atPriority(1)
                .willReturn(aResponse().withStatus(500)));
        int before = STUBS.vcenter.itemsOfType("ovf").size();
        assertThatThrownBy(() -> disks.importDisk(new DiskImportSpec(DriverContractTest.uniqueName("broken"), "vmdk",
                DISK_SIZE, vmdk.length, null), new ByteArrayInputStream(vmdk)))
                .isInstanceOf(ProviderUnavailableException.class);
        assertThat(STUBS.vcenter.itemsOfType("ovf")).hasSize(before);
        assertThat(STUBS.vcenter.updateSessionStates()).last().isEqualTo("ERROR");
    }

    @Test
    void importRefusesWhatAnOvfCannotHoldBeforeCreatingAnything() {
        int before = STUBS.vcenter.itemsOfType("ovf").size();
        assertThatThrownBy(() -> disks.importDisk(new DiskImportSpec("raw-disk", "vmdk", DISK_SIZE, DISK_SIZE, null),
                new PatternStream(DISK_SIZE))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("streamOptimized");
        assertThatThrownBy(() -> disks.importDisk(new DiskImportSpec("qcow", "qcow2", DISK_SIZE, -1, null),
                new ByteArrayInputStream(vmdk))).isInstanceOf(InvalidArgumentException.class);
        assertThat(STUBS.vcenter.itemsOfType("ovf")).hasSize(before);
    }

    @Test
    void withoutALibraryDisksCannotMove() {
        DiskTransferService unstaged = factory.connect(VsphereStubs.credentials(),
                STUBS.settings("vsphere-no-library", Map.of())).diskTransfer().orElseThrow();
        assertThatThrownBy(() -> unstaged.exportDisk("vm-42", "vmdk"))
                .isInstanceOf(OperationNotSupportedException.class).hasMessageContaining("library");
    }
}
