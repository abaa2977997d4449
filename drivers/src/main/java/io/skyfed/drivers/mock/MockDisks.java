package io.skyfed.drivers.mock;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The disks of one mock cloud. Instances created from seed images get a generated disk ({@link MockDisk}) of
 * {@code generatedSize} bytes; an imported image keeps its guest-visible content, and instances created from it
 * get that content as their own disk (shared, since mock disks are never written), so a migrated instance
 * exports exactly what was imported.
 *
 * @param generatedSize  the size of generated disks (provider property {@value MockDriverFactory#DISK_MIB})
 * @param importFormats  what {@code importDisk} accepts, in order of preference
 * @param corruptImports a test hook: flip one byte of every imported disk, as a faulty target would
 */
record MockDisks(long generatedSize, List<String> importFormats, boolean corruptImports,
                 ConcurrentMap<String, StoredDisk> images, ConcurrentMap<String, StoredDisk> instances) {

    static final List<String> ALL_IMPORT_FORMATS = List.of("raw", "qcow2", "vmdk", "vpc", "vhdx");

    MockDisks(long generatedSize, List<String> importFormats, boolean corruptImports) {
        this(generatedSize, List.copyOf(importFormats), corruptImports, new ConcurrentHashMap<>(),
                new ConcurrentHashMap<>());
    }
}
