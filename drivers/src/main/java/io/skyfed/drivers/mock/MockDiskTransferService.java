package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.DiskExport;
import io.skyfed.drivers.spi.DiskImportSpec;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Exports the raw disks of stopped instances; imports decode the image to its guest-visible content, keep it with
 * the new image (see {@link MockDisks}) and register the image.
 */
final class MockDiskTransferService implements DiskTransferService {

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
        return new LinkedHashSet<>(cloud.disks.importFormats());
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
        StoredDisk stored = cloud.disks.instances().get(instanceId);
        if (stored != null) {
            byte[] bytes = stored.bytes();
            return new DiskExport("raw", bytes.length, bytes.length,
                    cloud.gate.halfway(new ByteArrayInputStream(bytes), bytes.length));
        }
        long size = cloud.disks.generatedSize();
        return new DiskExport("raw", size, size, cloud.gate.halfway(new MockDisk(instanceId, size), size));
    }

    @Override
    public Image importDisk(DiskImportSpec spec, InputStream content) {
        if (!cloud.disks.importFormats().contains(spec.format())) {
            throw new InvalidArgumentException("format", "the mock imports " + cloud.disks.importFormats() + ", not "
                    + spec.format());
        }
        MockNames.idSafe("name", spec.name());
        byte[] received = readAll(content);
        if (spec.contentLength() >= 0 && received.length != spec.contentLength()) {
            throw new InvalidArgumentException("content", "expected " + spec.contentLength() + " bytes, received "
                    + received.length);
        }
        byte[] guest = MockDiskDecoder.guestContent(spec.format(), received);
        if (cloud.disks.corruptImports() && guest.length > 0) {
            guest = guest.clone();
            guest[guest.length / 2] ^= 0x01;
        }
        String architecture = spec.architecture() == null ? "x86_64" : spec.architecture();
        synchronized (cloud) {
            String id = cloud.nextId("img", cloud.images);
            Image image = new Image(id, spec.name(), "Imported " + spec.format() + " disk of " + received.length
                    + " bytes", user, architecture, "AVAILABLE", MockSeed.profilesFor(architecture), cloud.now());
            cloud.images.put(id, image);
            cloud.disks.images().put(id, StoredDisk.of(guest));
            return image;
        }
    }

    @Override
    public Optional<String> contentSha256(String imageId) {
        session.image(imageId);
        StoredDisk content = cloud.disks.images().get(imageId);
        if (content == null) {
            throw new NotFoundException("imported disk of image", imageId);
        }
        return Optional.of(content.sha256());
    }

    private static byte[] readAll(InputStream content) {
        try (content) {
            byte[] data = content.readNBytes((int) MockDiskDecoder.MAX_DISK + 1);
            if (data.length > MockDiskDecoder.MAX_DISK) {
                throw new InvalidArgumentException("content", "the mock keeps disks of at most "
                        + MockDiskDecoder.MAX_DISK + " bytes");
            }
            return data;
        } catch (IOException e) {
            throw new InvalidArgumentException("content", "the disk stream broke off: " + e.getMessage());
        }
    }
}
