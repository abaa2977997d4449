package io.skyfed.drivers.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.skyfed.drivers.spi.Credentials;
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
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.ProviderSettings;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.LibvirtException;
import org.libvirt.StorageVol;

/**
 * The libvirt driver against a real libvirtd ({@code qemu:///system}, which .ci/run starts), where libvirt's test
 * driver cannot go: volume upload and download streams, and domains that really run under QEMU (TCG, so no KVM is
 * needed). Each run works in transient dir pools of its own under a temporary directory, removed at the end.
 *
 * <p>Each guest is a {@link TinyGuest}, which powers off when libvirt presses the power button: so the driver's stop
 * is exercised for real, and an instance is stopped the way a migration stops it.
 */
class LibvirtDaemonIT {

    private static final int MIB = 1 << 20;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static LibvirtDaemonPools pools;

    private final List<DriverSession> sessions = new ArrayList<>();
    private final List<String> instances = new ArrayList<>();
    private DriverSession session;
    private DiskTransferService transfer;

    @BeforeAll
    static void createPools() throws Exception {
        pools = LibvirtDaemonPools.create(RUN);
    }

    @AfterAll
    static void removePools() throws Exception {
        if (pools != null) {
            pools.close();
        }
    }

    @BeforeEach
    void connect() {
        session = connect(Map.of());
        transfer = session.diskTransfer().orElseThrow();
    }

    @AfterEach
    void destroyInstances() {
        for (String id : instances) {
            session.destroy(id);
        }
        sessions.forEach(DriverSession::close);
    }

    private DriverSession connect(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(pools.properties());
        properties.putAll(extra);
        // A provider id per session: settings differ between tests, and each gets its own connection and guard.
        DriverSession opened = new LibvirtDriverFactory().connect(new Credentials("", ""),
                new ProviderSettings("libvirtd-" + UUID.randomUUID(), null, null, properties));
        sessions.add(opened);
        return opened;
    }

    @Test
    void aRawDiskGoesInAndComesBackFromTheStoppedInstanceByteForByte() throws Exception {
        byte[] disk = TinyGuest.disk(4 * MIB, 1);
        Image image = transfer.importDisk(new DiskImportSpec(name("raw"), "raw", disk.length, disk.length, null),
                new ByteArrayInputStream(disk));

        assertThat(session.images(ImageFilter.ALL)).extracting(Image::id).contains(image.id());
        StorageVol volume = pools.volume(pools.images(), image.id());
        assertThat(volume.getInfo().capacity).isEqualTo(disk.length);
        assertThat(Files.readAllBytes(Path.of(volume.getPath()))).isEqualTo(disk);

        Instance instance = stopped(image);
        try (DiskExport export = transfer.exportDisk(instance.id(), "raw")) {
            assertThat(export.format()).isEqualTo("raw");
            assertThat(export.virtualSize()).isEqualTo(disk.length);
            assertThat(export.content().readAllBytes()).isEqualTo(disk);
        }
    }

    @Test
    void aQcow2DiskGoesInAndComesBackWithTheSameGuestContent() throws Exception {
        byte[] disk = TinyGuest.disk(6 * MIB, 2);
        Path raw = Files.write(pools.dir().resolve(name("source") + ".raw"), disk);
        Path qcow2 = pools.dir().resolve(name("source") + ".qcow2");
        qemuImg("convert", "-f", "raw", "-O", "qcow2", raw.toString(), qcow2.toString());
        Image image;
        try (InputStream content = Files.newInputStream(qcow2)) {
            image = transfer.importDisk(new DiskImportSpec(name("qcow2"), "qcow2", disk.length, Files.size(qcow2),
                    null), content);
        }
        StorageVol volume = pools.volume(pools.images(), image.id());
        assertThat(volume.getInfo().capacity).isEqualTo(disk.length);
        assertThat(volume.getXMLDesc(0)).contains("<format type='qcow2'/>");

        Instance instance = stopped(image);
        assertThatThrownBy(() -> transfer.exportDisk(instance.id(), "raw"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("stored as qcow2");
        Path exported = pools.dir().resolve(name("exported") + ".qcow2");
        try (DiskExport export = transfer.exportDisk(instance.id(), "qcow2")) {
            assertThat(export.virtualSize()).isEqualTo(disk.length);
            Files.copy(export.content(), exported);
        }
        assertThat(qemuImg("compare", "-f", "raw", "-F", "qcow2", raw.toString(), exported.toString()))
                .contains("Images are identical");
    }

    @Test
    void theDiskOfARunningInstanceIsNotExported() {
        byte[] disk = TinyGuest.disk(MIB, 3);
        Image image = transfer.importDisk(new DiskImportSpec(name("spin"), "raw", disk.length, disk.length, null),
                new ByteArrayInputStream(disk));
        Instance instance = create(image);
        assertThat(instance.state()).isEqualTo(InstanceState.RUNNING);

        assertThatThrownBy(() -> transfer.exportDisk(instance.id(), "raw"))
                .isInstanceOf(InvalidStateException.class).hasMessageContaining("only a stopped instance");
    }

    @Test
    void anImportIntoAMissingPoolSaysThePoolIsMissing() {
        DiskTransferService elsewhere = connect(Map.of("image-pool", "missing-" + RUN)).diskTransfer().orElseThrow();
        assertThatThrownBy(() -> elsewhere.importDisk(new DiskImportSpec(name("lost"), "raw", MIB, MIB, null),
                new ByteArrayInputStream(new byte[MIB])))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.id()).isEqualTo("missing-" + RUN));
    }

    @Test
    void aStreamThatBreaksHalfWayLeavesNoVolume() throws Exception {
        byte[] disk = TinyGuest.disk(4 * MIB, 4);
        InputStream breaking = new FilterInputStream(new ByteArrayInputStream(disk, 0, 2 * MIB)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    throw new IOException("connection reset by the source");
                }
                return n;
            }
        };
        String name = name("broken");
        assertThatThrownBy(() -> transfer.importDisk(new DiskImportSpec(name, "raw", disk.length, -1, null), breaking))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("after " + 2 * MIB + " bytes").hasMessageContaining("connection reset");
        assertNoVolume(name);
    }

    @Test
    void aStreamEndingShortOfItsLengthLeavesNoVolume() throws Exception {
        byte[] disk = TinyGuest.disk(4 * MIB, 5);
        String name = name("short");
        assertThatThrownBy(() -> transfer.importDisk(new DiskImportSpec(name, "raw", disk.length, disk.length, null),
                new ByteArrayInputStream(disk, 0, 3 * MIB)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("expected " + disk.length + " bytes, received " + 3 * MIB);
        assertNoVolume(name);
    }

    @Test
    void anUploadMayOutlastOneCallsTimeout() throws Exception {
        DiskTransferService impatient = connect(Map.of("fault.timeout", "PT1S")).diskTransfer().orElseThrow();
        byte[] disk = TinyGuest.disk(4 * MIB, 6);
        // A slow link: 16 reads of 256 KiB, 150 ms apart, so the upload takes over twice the call timeout.
        InputStream slow = new FilterInputStream(new ByteArrayInputStream(disk)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(150));
                return super.read(b, off, Math.min(len, MIB / 4));
            }
        };
        Image image = impatient.importDisk(new DiskImportSpec(name("slow"), "raw", disk.length, disk.length, null),
                slow);
        assertThat(Files.readAllBytes(Path.of(pools.volume(pools.images(), image.id()).getPath()))).isEqualTo(disk);
    }

    /**
     * Creates an instance of the image, which boots, and stops it as a migration would: the guest powers off. As
     * with any OS, a power button pressed while the firmware still boots is lost, so it is pressed until it works;
     * libvirt reports the domain running until the guest is off, which is what stop answers meanwhile.
     */
    private Instance stopped(Image image) {
        String id = create(image).id();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Instance now = session.instance(id);
            if (now.state() == InstanceState.RUNNING) {
                session.stop(id);
            }
            return now.state() == InstanceState.STOPPED;
        });
        return session.instance(id);
    }

    private Instance create(Image image) {
        Instance instance = session.createInstance(new InstanceSpec(image.id(), null, "small", Map.of(),
                "vm-" + image.id(), null, null, List.of()));
        instances.add(instance.id());
        return instance;
    }

    private static String name(String what) {
        return what + "-" + RUN;
    }

    private void assertNoVolume(String name) throws LibvirtException {
        assertThat(pools.volumes(pools.images())).doesNotContain(name);
        assertThat(Files.exists(pools.dir().resolve(pools.images()).resolve(name))).isFalse();
        assertThat(session.images(ImageFilter.ALL)).extracting(Image::id).doesNotContain(name);
    }

    private static String qemuImg(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("qemu-img"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("%s: %s", command, output).isZero();
        return output;
    }
}
