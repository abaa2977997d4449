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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;

/**
 * The libvirt driver against a real libvirtd ({@code qemu:///system}, which .ci/run starts), where libvirt's test
 * driver cannot go: volume upload and download streams, and domains that really run under QEMU (TCG, so no KVM is
 * needed). Each run works in transient dir pools of its own under a temporary directory, removed at the end.
 *
 * <p>Each guest is one boot sector ({@link #GUEST}) that behaves as an operating system does towards ACPI: it idles
 * until the power button is pressed (libvirt's shutdown), then switches the machine off. So the driver's stop is
 * exercised for real, and an instance is stopped the way a migration stops it.
 */
class LibvirtDaemonIT {

    private static final String URI = "qemu:///system";
    private static final int MIB = 1 << 20;
    /**
     * Real-mode code at the PIIX4 power-management ports SeaBIOS sets up at 0x600: enable the power-button event
     * (PM1a_EN, 0x602), then halt until an interrupt and poll PM1a_STS (0x600) for it; when set, write SLP_EN with
     * sleep type 0, soft off, to PM1a_CNT (0x604).
     */
    private static final byte[] GUEST = {
            (byte) 0xba, 0x02, 0x06, (byte) 0xb8, 0x00, 0x01, (byte) 0xef, // mov dx,0x602; mov ax,0x100; out dx,ax
            (byte) 0xfb, (byte) 0xf4, // sti; hlt (the BIOS timer wakes it 18 times a second)
            (byte) 0xba, 0x00, 0x06, (byte) 0xed, (byte) 0xa9, 0x00, 0x01, 0x74, (byte) 0xf6, // in; test 0x100; jz hlt
            (byte) 0xba, 0x04, 0x06, (byte) 0xb8, 0x00, 0x20, (byte) 0xef, // mov dx,0x604; mov ax,0x2000; out dx,ax
            (byte) 0xf4, (byte) 0xeb, (byte) 0xfd}; // hlt; jmp back to hlt

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String IMAGES = "skyfed-it-images-" + RUN;
    private static final String INSTANCES = "skyfed-it-instances-" + RUN;
    private static final String VOLUMES = "skyfed-it-volumes-" + RUN;

    private static Connect admin;
    private static Path dir;

    private final List<DriverSession> sessions = new ArrayList<>();
    private final List<String> instances = new ArrayList<>();
    private DriverSession session;
    private DiskTransferService transfer;

    @BeforeAll
    static void createPools() throws Exception {
        try {
            admin = new Connect(URI, false);
        } catch (LibvirtException e) {
            throw new AssertionError("no libvirtd at " + URI + ": install libvirt-daemon and qemu-system-x86 and "
                    + "start libvirtd as .ci/run does", e);
        }
        // QEMU runs as libvirt-qemu: the disks' directories must be open to it.
        dir = Files.createTempDirectory("skyfed-libvirtd-", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        for (String pool : List.of(IMAGES, INSTANCES, VOLUMES)) {
            Path target = Files.createDirectory(dir.resolve(pool), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwxr-xr-x")));
            admin.storagePoolCreateXML("<pool type='dir'><name>" + pool + "</name><target><path>" + target
                    + "</path></target></pool>", 0);
        }
    }

    @AfterAll
    static void removePools() throws Exception {
        if (admin == null) {
            return;
        }
        for (Domain d : admin.listAllDomains(0)) {
            if (d.getName().endsWith(RUN)) {
                if (d.isActive() == 1) {
                    d.destroy();
                }
                d.undefine();
            }
        }
        for (String name : List.of(IMAGES, INSTANCES, VOLUMES)) {
            StoragePool pool = admin.storagePoolLookupByName(name);
            pool.refresh(0);
            for (String volume : pool.listVolumes()) {
                pool.storageVolLookupByName(volume).delete(0);
            }
            pool.destroy();
        }
        admin.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
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
        Map<String, String> properties = new HashMap<>(Map.of("uri", URI, "image-pool", IMAGES, "instance-pool",
                INSTANCES, "volume-pool", VOLUMES, "domain-type", "qemu"));
        properties.putAll(extra);
        // A provider id per session: settings differ between tests, and each gets its own connection and guard.
        DriverSession opened = new LibvirtDriverFactory().connect(new Credentials("", ""),
                new ProviderSettings("libvirtd-" + UUID.randomUUID(), null, null, properties));
        sessions.add(opened);
        return opened;
    }

    @Test
    void aRawDiskGoesInAndComesBackFromTheStoppedInstanceByteForByte() throws Exception {
        byte[] disk = disk(4 * MIB, 1);
        Image image = transfer.importDisk(new DiskImportSpec(name("raw"), "raw", disk.length, disk.length, null),
                new ByteArrayInputStream(disk));

        assertThat(session.images(ImageFilter.ALL)).extracting(Image::id).contains(image.id());
        StorageVol volume = volume(IMAGES, image.id());
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
        byte[] disk = disk(6 * MIB, 2);
        Path raw = Files.write(dir.resolve(name("source") + ".raw"), disk);
        Path qcow2 = dir.resolve(name("source") + ".qcow2");
        qemuImg("convert", "-f", "raw", "-O", "qcow2", raw.toString(), qcow2.toString());
        Image image;
        try (InputStream content = Files.newInputStream(qcow2)) {
            image = transfer.importDisk(new DiskImportSpec(name("qcow2"), "qcow2", disk.length, Files.size(qcow2),
                    null), content);
        }
        StorageVol volume = volume(IMAGES, image.id());
        assertThat(volume.getInfo().capacity).isEqualTo(disk.length);
        assertThat(volume.getXMLDesc(0)).contains("<format type='qcow2'/>");

        Instance instance = stopped(image);
        assertThatThrownBy(() -> transfer.exportDisk(instance.id(), "raw"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("stored as qcow2");
        Path exported = dir.resolve(name("exported") + ".qcow2");
        try (DiskExport export = transfer.exportDisk(instance.id(), "qcow2")) {
            assertThat(export.virtualSize()).isEqualTo(disk.length);
            Files.copy(export.content(), exported);
        }
        assertThat(qemuImg("compare", "-f", "raw", "-F", "qcow2", raw.toString(), exported.toString()))
                .contains("Images are identical");
    }

    @Test
    void theDiskOfARunningInstanceIsNotExported() {
        byte[] disk = disk(MIB, 3);
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
        byte[] disk = disk(4 * MIB, 4);
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
        byte[] disk = disk(4 * MIB, 5);
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
        byte[] disk = disk(4 * MIB, 6);
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
        assertThat(Files.readAllBytes(Path.of(volume(IMAGES, image.id()).getPath()))).isEqualTo(disk);
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

    /**
     * A disk of {@code size} bytes: the guest's boot sector, then mostly holes (zeros), with up to a MiB of random
     * data a quarter in and a marked last 4 KiB, so holes sit between the data.
     */
    private static byte[] disk(int size, long seed) {
        byte[] disk = new byte[size];
        System.arraycopy(GUEST, 0, disk, 0, GUEST.length);
        disk[510] = 0x55;
        disk[511] = (byte) 0xaa;
        byte[] data = new byte[Math.min(MIB, size / 4)];
        new Random(seed).nextBytes(data);
        System.arraycopy(data, 0, disk, size / 4, data.length);
        Arrays.fill(disk, size - 4096, size, (byte) 0x5a);
        return disk;
    }

    private static String name(String what) {
        return what + "-" + RUN;
    }

    private static StorageVol volume(String pool, String name) throws LibvirtException {
        return admin.storagePoolLookupByName(pool).storageVolLookupByName(name);
    }

    private void assertNoVolume(String name) throws LibvirtException {
        StoragePool pool = admin.storagePoolLookupByName(IMAGES);
        pool.refresh(0);
        assertThat(pool.listVolumes()).doesNotContain(name);
        assertThat(Files.exists(dir.resolve(IMAGES).resolve(name))).isFalse();
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
