package io.skyfed.image.vhdx;

import io.skyfed.image.ByteSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A file as it would be after replaying its VHDX log, without writing to it: zeroed ranges and 4 KiB pages laid
 * over the original bytes, pages last (a page logged after a zeroing removed it from the zero ranges' effect by
 * coming later; a zeroing logged after a page removed the page).
 */
final class PatchedSource implements ByteSource {

    static final int PAGE = 4096;

    private final ByteSource base;
    private final TreeMap<Long, byte[]> pages = new TreeMap<>();
    private final List<long[]> zeroRanges = new ArrayList<>();
    private long size;

    PatchedSource(ByteSource base) throws IOException {
        this.base = base;
        this.size = base.size();
    }

    void page(long offset, byte[] data) {
        pages.put(offset, data);
        size = Math.max(size, offset + PAGE);
    }

    void zero(long offset, long length) {
        pages.subMap(offset, true, offset + length, false).clear();
        zeroRanges.add(new long[] {offset, offset + length});
        size = Math.max(size, offset + length);
    }

    void extendTo(long length) {
        size = Math.max(size, length);
    }

    boolean isEmpty() {
        return pages.isEmpty() && zeroRanges.isEmpty();
    }

    @Override
    public String name() {
        return base.name();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(dst.remaining(), size - position);
        int start = dst.position();
        ByteBuffer window = dst.slice().limit(n);
        long baseSize = base.size();
        if (position < baseSize) {
            ByteBuffer fromBase = window.duplicate().limit((int) Math.min(n, baseSize - position));
            base.readFully(position, fromBase);
        }
        long end = position + n;
        for (long p = Math.max(position, baseSize); p < end; p++) {
            window.put((int) (p - position), (byte) 0);
        }
        for (long[] z : zeroRanges) {
            for (long p = Math.max(z[0], position); p < Math.min(z[1], end); p++) {
                window.put((int) (p - position), (byte) 0);
            }
        }
        Long from = pages.floorKey(position);
        for (Map.Entry<Long, byte[]> e : pages.subMap(from == null ? position : from, true, end, false).entrySet()) {
            long pageStart = e.getKey();
            for (long p = Math.max(pageStart, position); p < Math.min(pageStart + PAGE, end); p++) {
                window.put((int) (p - position), e.getValue()[(int) (p - pageStart)]);
            }
        }
        dst.position(start + n);
        return n;
    }

    @Override
    public void close() {
    }
}
