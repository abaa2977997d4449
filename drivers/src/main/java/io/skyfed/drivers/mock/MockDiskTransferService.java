package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.DiskExport;
import io.skyfed.drivers.spi.DiskImportSpec;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Exports generated raw disks of stopped instances; imports read the stream to the end and register an image. */
final class MockDiskTransferService implements DiskTransferService {

    /** Mock disks are small so tests that move them stay fast. */
    static final long DISK_SIZE = 8 * MockDisk.MIB;

    private final MockCloud cloud;
    private final MockSession session;
    private final String user;

    MockDiskTransferService(MockCloud cloud, MockSession session, String user) {
        this.cloud = cloud;
        this.session = session;
        this.user = user;
    }

    @Override
    public Set<String> exportFormats() {
        return Set.of("raw");
    }

    @Override
    public Set<String> importFormats() {
        return new LinkedHashSet<>(List.of("raw", "qcow2", "vmdk", "vpc", "vhdx"));
    }

    @Override
    public DiskExport exportDisk(String instanceId, String format) {
        Instance instance = session.instance(instanceId);
        if (!exportFormats().contains(format)) {
            throw new InvalidArgumentException("format", "the mock exports " + exportFormats() + ", not " + format);
        }
        if (instance.state() != InstanceState.STOPPED) {
            throw new InvalidStateException("instance " + instanceId + " must be STOPPED to export its disk, it is "
                    + instance.state());
        }
        return new DiskExport("raw", DISK_SIZE, DISK_SIZE, new MockDisk(instanceId, DISK_SIZE));
    }

    @Override
    public Image importDisk(DiskImportSpec spec, InputStream content) {
        if (!importFormats().contains(spec.format())) {
            throw new InvalidArgumentException("format", "the mock imports " + importFormats() + ", not " + spec.format());
        }
        MockNames.idSafe("name", spec.name());
        long received = drain(content);
        if (spec.contentLength() >= 0 && received != spec.contentLength()) {
            throw new InvalidArgumentException("content", "expected " + spec.contentLength() + " bytes, received " + received);
        }
        String architecture = spec.architecture() == null ? "x86_64" : spec.architecture();
        synchronized (cloud) {
            String id = cloud.nextId("img", cloud.images);
            Image image = new Image(id, spec.name(), "Imported " + spec.format() + " disk of " + received + " bytes",
                    user, architecture, "AVAILABLE", MockSeed.profilesFor(architecture), cloud.now());
            cloud.images.put(id, image);
            return image;
        }
    }

    private static long drain(InputStream content) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (content) {
            int n;
            while ((n = content.read(buffer)) >= 0) {
                total += n;
            }
        } catch (IOException e) {
            throw new InvalidArgumentException("content", "the disk stream broke off after " + total + " bytes: "
                    + e.getMessage());
        }
        return total;
    }
}
