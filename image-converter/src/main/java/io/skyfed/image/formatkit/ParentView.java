package io.skyfed.image.formatkit;

import io.skyfed.image.DiskImage;
import io.skyfed.image.Extent;
import io.skyfed.image.ExtentType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Iterator;

/**
 * What lies under the unallocated parts of a differencing disk: the parent image where there is one and it is
 * long enough, zeros otherwise.
 */
public final class ParentView implements AutoCloseable {

    private static final ByteBuffer ZEROS = ByteBuffer.allocate(1 << 16).asReadOnlyBuffer();

    private final DiskImage parent;

    /** @param parent the opened parent, or null for a disk without one */
    public ParentView(DiskImage parent) {
        this.parent = parent;
    }

    public boolean present() {
        return parent != null;
    }

    /** Fills {@code dst} with what the parent holds at {@code offset} (zeros past its end). */
    public void read(long offset, ByteBuffer dst) throws IOException {
        long parentSize = parent == null ? 0 : parent.virtualSize();
        if (offset < parentSize) {
            int n = (int) Math.min(dst.remaining(), parentSize - offset);
            ByteBuffer part = dst.slice().limit(n);
            parent.read(offset, part);
            dst.position(dst.position() + n);
        }
        zero(dst);
    }

    /** Passes the parent's allocation map of {@code [from, to)} to {@code sink}; UNALLOCATED where there is none. */
    public void extents(long from, long to, ExtentSink sink) throws IOException {
        long parentSize = parent == null ? 0 : parent.virtualSize();
        long mid = Math.min(to, Math.max(from, parentSize));
        if (from < mid) {
            Iterator<Extent> it = parent.extents(from, mid - from);
            while (it.hasNext()) {
                Extent e = it.next();
                sink.emit(e.offset(), e.length(), e.type());
            }
        }
        if (mid < to) {
            sink.emit(mid, to - mid, ExtentType.UNALLOCATED);
        }
    }

    /** Fills the rest of {@code dst} with zeros. */
    public static void zero(ByteBuffer dst) {
        while (dst.hasRemaining()) {
            int n = Math.min(dst.remaining(), ZEROS.capacity());
            dst.put(ZEROS.duplicate().limit(n));
        }
    }

    /** Receives extents. */
    @FunctionalInterface
    public interface ExtentSink {
        void emit(long offset, long length, ExtentType type);
    }

    @Override
    public void close() throws IOException {
        if (parent != null) {
            parent.close();
        }
    }
}
