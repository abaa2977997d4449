package io.skyfed.image.vmdk;

import io.skyfed.image.Allocation;
import io.skyfed.image.ByteSource;
import io.skyfed.image.DiskImage;
import io.skyfed.image.Extent;
import io.skyfed.image.ExtentList;
import io.skyfed.image.ExtentType;
import io.skyfed.image.ImageFormatException;
import io.skyfed.image.Reads;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Iterator;

/** A FLAT (or VMFS) extent: {@code length} raw bytes of a file from {@code base}; its holes are unallocated. */
final class FlatExtent implements DiskImage {

    private final ByteSource source;
    private final long base;
    private final long length;

    FlatExtent(ByteSource source, long base, long length) throws IOException {
        if (base > source.size() || length > source.size() - base) {
            throw new ImageFormatException(source.name() + ": flat extent of " + length + " bytes at " + base
                    + " is larger than the file (" + source.size() + " bytes)");
        }
        this.source = source;
        this.base = base;
        this.length = length;
    }

    @Override
    public String format() {
        return "vmdk";
    }

    @Override
    public long virtualSize() {
        return length;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        Reads.checkRange(source.name(), offset, dst.remaining(), length);
        source.readFully(base + offset, dst);
    }

    @Override
    public Iterator<Extent> extents(long offset, long len) throws IOException {
        Reads.checkRange(source.name(), offset, len, length);
        ExtentList out = new ExtentList();
        long end = offset + len;
        long pos = offset;
        while (pos < end) {
            long data = Math.max(pos, (source.nextData(base + pos) - base) / 512 * 512);
            if (data > pos) {
                long holeEnd = Math.min(end, data);
                out.add(pos, holeEnd - pos, ExtentType.UNALLOCATED);
                pos = holeEnd;
                continue;
            }
            long hole = Math.max(pos + 512, Reads.alignUp(source.nextHole(base + pos) - base, 512));
            long dataEnd = Math.min(end, hole);
            out.add(pos, dataEnd - pos, ExtentType.DATA);
            pos = dataEnd;
        }
        return out.iterator();
    }

    @Override
    public long actualSize() throws IOException {
        return Allocation.allocatedBytes(source);
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
