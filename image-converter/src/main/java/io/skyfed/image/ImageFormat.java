package io.skyfed.image;

import java.io.IOException;

/**
 * One disk format: probing, reading and (optionally) writing. One implementation per file, found through
 * {@link FormatRegistry} (the shape of QEMU's block driver table).
 */
public interface ImageFormat {

    /** qemu-img's name for the format: raw, qcow2, vmdk, vpc, vhdx, vdi, ova, gce. */
    String name();

    /**
     * How sure we are that {@code source} is in this format, by content only: 0 = not this format,
     * 100 = certain (magic and structure check out). raw answers 1 for anything.
     */
    int probe(ByteSource source) throws IOException;

    DiskImage open(ByteSource source, OpenOptions options) throws IOException;

    default boolean canWrite() {
        return false;
    }

    /** True when {@link #create} accepts a {@link WriteTarget.Stream} (no seeking back). */
    default boolean writesSequentially() {
        return false;
    }

    /**
     * Starts a new image of {@code virtualSize} bytes.
     *
     * @throws IllegalArgumentException for options this format does not know or values it cannot hold
     */
    default ImageWriter create(WriteTarget target, long virtualSize, WriteOptions options) throws IOException {
        throw new UnsupportedOperationException(name() + " cannot be written");
    }
}
