package io.skyfed.image.raw;

import io.skyfed.image.Allocation;
import io.skyfed.image.ByteSource;
import io.skyfed.image.DiskImage;
import io.skyfed.image.Extent;
import io.skyfed.image.ExtentList;
import io.skyfed.image.ExtentType;
import io.skyfed.image.Reads;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Iterator;

/**
 * A raw file as a disk. Like qemu, a size that is not a multiple of 512 is presented as the next multiple, the
 * tail reading as zeros. Holes (SEEK_HOLE) are reported as unallocated so the converter never reads them.
 */
final class RawImage implements DiskImage {

    private final ByteSource source;
    private final long fileSize;
    private final long size;

    RawImage(ByteSource source) throws IOException {
        this.source = source;
        this.fileSize = source.size();
        this.size = paddedSize(fileSize);
    }

    static long paddedSize(long bytes) {
        return Reads.alignUp(bytes, 512);
    }

    @Override
    public String format() {
        return "raw";
    }

    @Override
    public long virtualSize() {
        return size;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        Reads.checkRange(source.name(), offset, dst.remaining(), size);
        int inFile = (int) Math.max(0, Math.min(dst.remaining(), fileSize - offset));
        if (inFile > 0) {
            ByteBuffer part = dst.slice().limit(inFile);
            source.readFully(offset, part);
            dst.position(dst.position() + inFile);
        }
        Reads.zeroFill(dst, dst.remaining());
    }

    @Override
    public Iterator<Extent> extents(long offset, long length) throws IOException {
        Reads.checkRange(source.name(), offset, length, size);
        long end = offset + length;
        ExtentList out = new ExtentList();
        long pos = offset;
        while (pos < end) {
            long data = Math.max(pos, source.nextData(pos) / 512 * 512);
            if (data >= fileSize) {
                out.add(pos, end - pos, ExtentType.UNALLOCATED);
                break;
            }
            if (data > pos) {
                long holeEnd = Math.min(end, data);
                out.add(pos, holeEnd - pos, ExtentType.UNALLOCATED);
                pos = holeEnd;
                continue;
            }
            long hole = Math.max(pos + 512, paddedSize(source.nextHole(pos)));
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
