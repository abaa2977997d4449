package io.skyfed.image.formatkit;

import io.skyfed.image.ByteSource;
import java.io.IOException;
import java.nio.ByteBuffer;

/** A window {@code [start, start + length)} of another source, e.g. a member stored inside a tar archive. */
public final class SliceSource implements ByteSource {

    private final ByteSource parent;
    private final long start;
    private final long length;
    private final String name;

    public SliceSource(ByteSource parent, long start, long length, String name) throws IOException {
        Regions.requireInside(parent, start, length, name);
        this.parent = parent;
        this.start = start;
        this.length = length;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() {
        return length;
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        if (position >= length) {
            return -1;
        }
        int want = (int) Math.min(dst.remaining(), length - position);
        ByteBuffer window = dst.slice().limit(want);
        int n = parent.read(start + position, window);
        if (n > 0) {
            dst.position(dst.position() + n);
        }
        return n;
    }

    @Override
    public long nextData(long position) throws IOException {
        return Math.min(length, Math.max(position, parent.nextData(start + position) - start));
    }

    @Override
    public long nextHole(long position) throws IOException {
        return Math.min(length, Math.max(position, parent.nextHole(start + position) - start));
    }

    /** The parent stays open: it belongs to whoever opened it. */
    @Override
    public void close() {
    }
}
