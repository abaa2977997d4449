package io.skyfed.broker.workflow;

import io.skyfed.image.DiskImage;
import io.skyfed.image.Extent;
import io.skyfed.image.ExtentType;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;

/**
 * A raw disk being exported, as a {@link DiskImage} the converter can read: the converter reads DATA in ascending
 * order, so a stream serves it without a temporary copy. Every extent is DATA (a stream has no allocation map);
 * the converter still skips zero blocks. Reads out of order fail rather than return wrong bytes.
 */
final class SequentialRawImage implements DiskImage {

    private final InputStream content;
    private final long size;
    private long position;

    SequentialRawImage(InputStream content, long size) {
        this.content = content;
        this.size = size;
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
        if (offset != position) {
            throw new IOException("exported disk read at " + offset + ", but the stream is at " + position);
        }
        byte[] chunk = new byte[64 * 1024];
        while (dst.hasRemaining()) {
            int n = content.read(chunk, 0, Math.min(chunk.length, dst.remaining()));
            if (n < 0) {
                throw new EOFException("exported disk ended at " + position + " of " + size + " bytes");
            }
            dst.put(chunk, 0, n);
            position += n;
        }
    }

    @Override
    public Iterator<Extent> extents(long offset, long length) {
        return List.of(new Extent(offset, length, ExtentType.DATA)).iterator();
    }

    @Override
    public long actualSize() {
        return size;
    }

    @Override
    public void close() throws IOException {
        content.close();
    }
}
