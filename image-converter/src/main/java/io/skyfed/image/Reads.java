package io.skyfed.image;

import java.io.EOFException;
import java.nio.ByteBuffer;

/** Argument checks shared by the readers. */
public final class Reads {

    private Reads() {
    }

    /** Refuses a read of {@code length} bytes at {@code offset} that does not lie inside a disk of {@code size}. */
    public static void checkRange(String name, long offset, long length, long size) throws EOFException {
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw new EOFException(name + ": read of " + length + " bytes at " + offset
                    + " is outside the virtual disk (" + size + " bytes)");
        }
    }

    /** Fills the next {@code n} bytes of {@code dst} with zeros. */
    public static void zeroFill(ByteBuffer dst, int n) {
        int end = dst.position() + n;
        while (dst.position() < end) {
            int k = Math.min(end - dst.position(), Zeros.maxBuffer());
            dst.put(Zeros.buffer(k));
        }
    }

    public static long alignUp(long value, long alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }
}
