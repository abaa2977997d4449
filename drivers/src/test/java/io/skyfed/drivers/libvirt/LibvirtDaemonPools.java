package io.skyfed.drivers.libvirt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;

/**
 * Transient dir pools of a test's own (images, instances, volumes) on the real libvirtd at {@code qemu:///system},
 * under a temporary directory; closing removes the domains whose disks live there, the volumes, the pools and the
 * directory. Also the test's own connection, to look behind the driver.
 */
public final class LibvirtDaemonPools implements AutoCloseable {

    public static final String URI = "qemu:///system";
    /** QEMU runs as libvirt-qemu: the disks' directories must be open to it. */
    private static final FileAttribute<Set<PosixFilePermission>> OPEN = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwxr-xr-x"));

    private final Connect admin;
    private final Path dir;
    private final String images;
    private final String instances;
    private final String volumes;

    private LibvirtDaemonPools(Connect admin, Path dir, String suffix) {
        this.admin = admin;
        this.dir = dir;
        this.images = "skyfed-images-" + suffix;
        this.instances = "skyfed-instances-" + suffix;
        this.volumes = "skyfed-volumes-" + suffix;
    }

    /** Creates the pools, named with {@code suffix}; fails, saying what is missing, when libvirtd is not there. */
    public static LibvirtDaemonPools create(String suffix) throws IOException, LibvirtException {
        Connect admin;
        try {
            admin = new Connect(URI, false);
        } catch (LibvirtException e) {
            throw new AssertionError("no libvirtd at " + URI + ": install libvirt-daemon and qemu-system-x86 and "
                    + "start virtlogd and libvirtd as .ci/run does", e);
        }
        LibvirtDaemonPools pools = new LibvirtDaemonPools(admin, Files.createTempDirectory("skyfed-libvirtd-", OPEN),
                suffix);
        for (String pool : pools.names()) {
            Path target = Files.createDirectory(pools.dir.resolve(pool), OPEN);
            admin.storagePoolCreateXML("<pool type='dir'><name>" + pool + "</name><target><path>" + target
                    + "</path></target></pool>", 0);
        }
        return pools;
    }

    /** The libvirt provider properties that use these pools, with QEMU's TCG (no KVM needed). */
    public Map<String, String> properties() {
        return Map.of("uri", URI, "image-pool", images, "instance-pool", instances, "volume-pool", volumes,
                "domain-type", "qemu");
    }

    public String images() {
        return images;
    }

    public Path dir() {
        return dir;
    }

    public StorageVol volume(String pool, String name) throws LibvirtException {
        return admin.storagePoolLookupByName(pool).storageVolLookupByName(name);
    }

    /** The pool's volumes as libvirt finds them on disk now. */
    public List<String> volumes(String pool) throws LibvirtException {
        StoragePool p = admin.storagePoolLookupByName(pool);
        p.refresh(0);
        return List.of(p.listVolumes());
    }

    private List<String> names() {
        return List.of(images, instances, volumes);
    }

    @Override
    public void close() throws IOException, LibvirtException {
        for (Domain d : admin.listAllDomains(0)) {
            if (d.getXMLDesc(0).contains(dir.toString())) {
                if (d.isActive() == 1) {
                    d.destroy();
                }
                d.undefine();
            }
        }
        for (String name : names()) {
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
}
