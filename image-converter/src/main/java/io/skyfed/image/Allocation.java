package io.skyfed.image;

import java.io.IOException;

/** Facts about how a file is stored on its file system. */
public final class Allocation {

    private Allocation() {
    }

    /** Bytes of {@code source} that are not holes (its actual size), as far as the source knows its holes. */
    public static long allocatedBytes(ByteSource source) throws IOException {
        long size = source.size();
        long total = 0;
        long pos = source.nextData(0);
        while (pos < size) {
            long hole = Math.max(pos + 1, source.nextHole(pos));
            total += Math.min(hole, size) - pos;
            pos = hole >= size ? size : source.nextData(hole);
        }
        return total;
    }
}
