package io.skyfed.image;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Map;

/** A read-only, random-access view of the virtual disk inside an image of any format. */
public interface DiskImage extends Closeable {

    /** The registry name of the format (qemu-img's names: raw, qcow2, vmdk, vpc, vhdx, vdi, ova, gce). */
    String format();

    /** The virtual disk size in bytes. */
    long virtualSize();

    /**
     * Reads {@code dst.remaining()} bytes of the virtual disk at {@code offset}. Zero and unallocated regions
     * read as zeros (or from the backing image). Reading past {@link #virtualSize()} is an error.
     */
    void read(long offset, ByteBuffer dst) throws IOException;

    /**
     * The allocation map of {@code [offset, offset + length)}: contiguous extents in ascending order that
     * cover the range exactly. Neighbouring extents of the same type may or may not be merged.
     */
    Iterator<Extent> extents(long offset, long length) throws IOException;

    /** Bytes the image occupies on its storage (for {@code info}'s actual-size). */
    long actualSize() throws IOException;

    /** Format-specific facts for {@code info} (compat, cluster size, subformat, …), in a stable order. */
    default Map<String, Object> details() {
        return Map.of();
    }
}
