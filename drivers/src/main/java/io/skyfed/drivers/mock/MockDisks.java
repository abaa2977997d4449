package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.InvalidArgumentException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The disks of one mock cloud. Instances created from seed images get a generated disk ({@link MockDisk}) of
 * {@code generatedSize} bytes; an imported image keeps its guest-visible content, and instances created from it
 * get that content as their own disk. Stored contents are immutable: a guest write ({@link MockGuest}) replaces the
 * instance's content with a changed copy, so checkpoints and images holding the old one still see it.
 *
 * @param generatedSize  the size of generated disks (provider property {@value MockDriverFactory#DISK_MIB})
 * @param importFormats  what {@code importDisk} accepts, in order of preference
 * @param corruptImports a test hook: flip one byte of every imported or staged disk, as a faulty target would
 * @param blocks         what the cloud offers for warm migrations
 * @param tracking       changed-block tracking of the instances' disks
 * @param staged         staged disks being written at offsets, by id
 */
record MockDisks(long generatedSize, List<String> importFormats, boolean corruptImports, MockBlockSettings blocks,
                 ConcurrentMap<String, StoredDisk> images, ConcurrentMap<String, StoredDisk> instances,
                 MockTracking tracking, ConcurrentMap<String, MockStagedDisk> staged) {

    static final List<String> ALL_IMPORT_FORMATS = List.of("raw", "qcow2", "vmdk", "vpc", "vhdx");

    MockDisks(long generatedSize, List<String> importFormats, boolean corruptImports, MockBlockSettings blocks) {
        this(generatedSize, List.copyOf(importFormats), corruptImports, blocks, new ConcurrentHashMap<>(),
                new ConcurrentHashMap<>(), new MockTracking(), new ConcurrentHashMap<>());
    }

    /** The instance's disk as it is now: what it was given or has written, else its generated disk. */
    StoredDisk current(String instanceId) {
        StoredDisk stored = instances.get(instanceId);
        if (stored != null) {
            return stored;
        }
        try (MockDisk generated = new MockDisk(instanceId, generatedSize)) {
            return StoredDisk.of(generated.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code data} at {@code offset} of the instance's disk and logs the write; the caller holds the cloud. */
    void write(String instanceId, long offset, byte[] data) {
        byte[] content = current(instanceId).bytes().clone();
        if (offset < 0 || data.length == 0 || offset + data.length > content.length) {
            throw new InvalidArgumentException("offset", "a write of " + data.length + " bytes at " + offset
                    + " does not fit a disk of " + content.length + " bytes");
        }
        System.arraycopy(data, 0, content, (int) offset, data.length);
        instances.put(instanceId, StoredDisk.of(content));
        tracking.logWrite(instanceId, offset, data.length);
    }
}
