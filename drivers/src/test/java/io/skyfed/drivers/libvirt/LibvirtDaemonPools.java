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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern TARGET = Pattern.compile("<path>([^<]+)</path>");
    /** QEMU runs as libvirt-qemu: the disks' directories must be open to it. */
    private static final FileAttribute<Set<PosixFilePermission>> OPEN = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwxr-xr-x"));

    private final Connect admin;
    private final Path dir;
    private final String images;
    private final String instances;
    private final String volumes;
    private final String suffix;

    private LibvirtDaemonPools(Connect admin, Path dir, String suffix) {
        Map<String, String> properties = properties(suffix);
        this.admin = admin;
        this.dir = dir;
        this.suffix = suffix;
        this.images = properties.get("image-pool");
        this.instances = properties.get("instance-pool");
        this.volumes = properties.get("volume-pool");
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
        for (String pool : List.of(pools.images, pools.instances, pools.volumes)) {
            Path target = Files.createDirectory(pools.dir.resolve(pool), OPEN);
            admin.storagePoolCreateXML("<pool type='dir'><name>" + pool + "</name><target><path>" + target
                    + "</path></target></pool>", 0);
        }
        return pools;
    }

    /** The libvirt provider properties that use these pools, with QEMU's TCG (no KVM needed). */
    public Map<String, String> properties() {
        return properties(suffix);
    }

    /** {@link #properties()} of the pools named with {@code suffix}, for code that did not create them. */
    public static Map<String, String> properties(String suffix) {
        return Map.of("uri", URI, "image-pool", "skyfed-images-" + suffix, "instance-pool",
                "skyfed-instances-" + suffix, "volume-pool", "skyfed-volumes-" + suffix, "domain-type", "qemu");
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

    @Override
    public void close() throws IOException, LibvirtException {
        admin.close();
        remove(suffix);
    }

    /**
     * Removes the pools named with {@code suffix}, with their volumes, the domains whose disks live in their
     * directory and the directory, for code that did not create them.
     */
    public static void remove(String suffix) throws IOException, LibvirtException {
        Connect admin = new Connect(URI, false);
        try {
            Map<String, String> properties = properties(suffix);
            List<String> names = List.of(properties.get("image-pool"), properties.get("instance-pool"),
                    properties.get("volume-pool"));
            Matcher target = TARGET.matcher(admin.storagePoolLookupByName(names.get(0)).getXMLDesc(0));
            if (!target.find()) {
                throw new IllegalStateException("pool " + names.get(0) + " has no target path");
            }
            Path dir = Path.of(target.group(1)).getParent();
            for (Domain d : admin.listAllDomains(0)) {
                if (d.getXMLDesc(0).contains(dir.toString())) {
                    if (d.isActive() == 1) {
                        d.destroy();
                    }
                    d.undefine();
                }
            }
            for (String name : names) {
                StoragePool pool = admin.storagePoolLookupByName(name);
                pool.refresh(0);
                for (String volume : pool.listVolumes()) {
                    pool.storageVolLookupByName(volume).delete(0);
                }
                pool.destroy();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        } finally {
            admin.close();
        }
    }
}
