package io.skyfed.image;

import java.nio.ByteBuffer;

/** Zero detection on data blocks, vectorised through {@link ByteBuffer#mismatch}. */
public final class Zeros {

    private static final int ZERO_BLOCK = 64 << 10;
    private static final ByteBuffer ZERO = ByteBuffer.allocateDirect(ZERO_BLOCK).asReadOnlyBuffer();

    private Zeros() {
    }

    /** True when every byte in {@code [from, to)} of {@code buf} is zero (buffer position and limit untouched). */
    public static boolean isZero(ByteBuffer buf, int from, int to) {
        int p = from;
        while (p < to) {
            int n = Math.min(ZERO_BLOCK, to - p);
            if (buf.slice(p, n).mismatch(ZERO.slice(0, n)) >= 0) {
                return false;
            }
            p += n;
        }
        return true;
    }

    /** A read-only buffer of {@code length} zero bytes (at most 64 KiB), for writing holes to streams. */
    public static ByteBuffer buffer(int length) {
        return ZERO.slice(0, length);
    }

    public static int maxBuffer() {
        return ZERO_BLOCK;
    }
}
