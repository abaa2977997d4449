package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.BlockImportService;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import io.skyfed.drivers.spi.StagedDisk;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Staged disks held in memory (with {@code state-dir}, saved after every call by {@link MockStateStore}) and
 * written in place; sealing keeps the content as an
 * imported image's, so instances of it boot with exactly what was written. {@code corrupt-imports} flips a byte of
 * every write, as a faulty target would.
 */
final class MockBlockImport implements BlockImportService {

    private final MockCloud cloud;
    private final String user;

    MockBlockImport(MockCloud cloud, String user) {
        this.cloud = cloud;
        this.user = user;
    }

    @Override
    public StagedDisk stage(String name, long virtualSize) {
        MockNames.idSafe("name", name);
        if (virtualSize <= 0 || virtualSize > MockDiskDecoder.MAX_DISK) {
            throw new InvalidArgumentException("virtualSize", "the mock stages disks of 1 to " + MockDiskDecoder.MAX_DISK
                    + " bytes, not " + virtualSize);
        }
        synchronized (cloud) {
            Optional<StagedDisk> existing = stagedDisks().stream().filter(d -> d.name().equals(name)).findFirst();
            if (existing.isPresent()) {
                return existing.get();
            }
            String id = cloud.nextId("stg", cloud.disks.staged());
            StagedDisk disk = new StagedDisk(id, name, virtualSize, cloud.now());
            cloud.disks.staged().put(id, new MockStagedDisk(disk, new byte[(int) virtualSize]));
            return disk;
        }
    }

    @Override
    public List<StagedDisk> stagedDisks() {
        return cloud.disks.staged().values().stream().map(MockStagedDisk::disk)
                .sorted((a, b) -> NaturalIdOrder.INSTANCE.compare(a.id(), b.id())).toList();
    }

    @Override
    public void write(String stagedDiskId, long offset, long length, InputStream content) {
        MockStagedDisk disk = staged(stagedDiskId);
        if (offset < 0 || length <= 0 || offset + length > disk.content().length) {
            throw new InvalidArgumentException("offset", "a write of " + length + " bytes at " + offset
                    + " does not fit a disk of " + disk.content().length + " bytes");
        }
        MockBlockSettings settings = cloud.disks.blocks();
        if (settings.blockWrites().incrementAndGet() == settings.failBlockWriteAt()) {
            throw new ProviderUnavailableException("staged-disk write " + settings.failBlockWriteAt()
                    + " failed (test hook " + MockDriverFactory.FAIL_BLOCK_WRITE_AT + ")", null);
        }
        byte[] data;
        try (content) {
            slowly();
            data = content.readNBytes((int) length);
        } catch (IOException e) {
            throw new InvalidArgumentException("content", "the block stream broke off: " + e.getMessage());
        }
        if (data.length != length) {
            throw new InvalidArgumentException("content", "expected " + length + " bytes, received " + data.length);
        }
        if (cloud.disks.corruptImports()) {
            data[0] ^= 0x01;
        }
        synchronized (cloud) {
            System.arraycopy(data, 0, staged(stagedDiskId).content(), (int) offset, data.length);
        }
    }

    @Override
    public Optional<String> contentSha256(String stagedDiskId) {
        synchronized (cloud) {
            return Optional.of(StoredDisk.sha256(staged(stagedDiskId).content()));
        }
    }

    @Override
    public Image seal(String stagedDiskId, String imageName) {
        MockNames.idSafe("name", imageName);
        synchronized (cloud) {
            MockStagedDisk disk = staged(stagedDiskId);
            String id = cloud.nextId("img", cloud.images);
            Image image = new Image(id, imageName, "Sealed staged disk of " + disk.content().length + " bytes", user,
                    "x86_64", "AVAILABLE", MockSeed.profilesFor("x86_64"), cloud.now());
            cloud.images.put(id, image);
            cloud.disks.images().put(id, StoredDisk.of(disk.content().clone()));
            cloud.disks.staged().remove(stagedDiskId);
            return image;
        }
    }

    @Override
    public void discard(String stagedDiskId) {
        cloud.disks.staged().remove(stagedDiskId);
    }

    private MockStagedDisk staged(String id) {
        MockStagedDisk disk = id == null ? null : cloud.disks.staged().get(id);
        if (disk == null) {
            throw new NotFoundException("staged disk", String.valueOf(id));
        }
        return disk;
    }

    /** The simulated latency of a write ({@value MockDriverFactory#BLOCK_WRITE_DELAY_MS}). */
    private void slowly() {
        int delay = cloud.disks.blocks().blockWriteDelayMs();
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderUnavailableException("interrupted during a staged-disk write", e);
            }
        }
    }
}
