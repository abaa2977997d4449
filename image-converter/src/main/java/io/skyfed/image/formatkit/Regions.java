package io.skyfed.image.formatkit;

import io.skyfed.image.ByteSource;
import io.skyfed.image.ImageFormatException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Bounds-checked reads of metadata structures whose offsets and lengths come from an untrusted header. */
public final class Regions {

    private Regions() {
    }

    /**
     * Reads {@code length} bytes at {@code offset} after checking they lie inside the source and inside the
     * caller's metadata budget, so a hostile length never turns into a huge allocation.
     */
    public static ByteBuffer read(ByteSource source, long offset, long length, long budget, String what, ByteOrder order)
            throws IOException {
        if (length < 0 || length > budget || length > Integer.MAX_VALUE - 8) {
            throw new ImageFormatException(source.name() + ": " + what + " of " + length
                    + " bytes exceeds the metadata limit of " + budget + " bytes");
        }
        requireInside(source, offset, length, what);
        ByteBuffer buf = ByteBuffer.allocate((int) length).order(order);
        source.readFully(offset, buf);
        return buf.flip();
    }

    /** Fails with an {@link EOFException} unless {@code [offset, offset + length)} lies inside the source. */
    public static void requireInside(ByteSource source, long offset, long length, String what) throws IOException {
        long size = source.size();
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw new EOFException(source.name() + ": " + what + " at offset " + offset + " (+" + length
                    + " bytes) lies past the end of the file (" + size + " bytes)");
        }
    }

    /** Fails with an {@link EOFException} unless a read of the virtual disk stays inside it. */
    public static void requireInDisk(String name, long offset, long length, long virtualSize) throws EOFException {
        if (offset < 0 || offset > virtualSize || length > virtualSize - offset) {
            throw new EOFException(name + ": read at " + offset + " (+" + length
                    + " bytes) is outside the virtual disk (" + virtualSize + " bytes)");
        }
    }

    /** An ASCII signature check that names what was expected. */
    public static boolean hasSignature(ByteBuffer buf, int at, String signature) {
        if (buf.limit() < at + signature.length()) {
            return false;
        }
        for (int i = 0; i < signature.length(); i++) {
            if (buf.get(at + i) != (byte) signature.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
