package io.skyfed.image;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Random-access, read-only bytes: an image file, a slice of a tar member, a test buffer.
 * Readers take every position from an untrusted header, so they go through {@link #readFully}
 * which refuses reads past the end instead of returning garbage.
 */
public interface ByteSource extends Closeable {

    /** A name for error messages (usually the path). */
    String name();

    long size() throws IOException;

    /** Reads up to {@code dst.remaining()} bytes at {@code position}; -1 at the end. */
    int read(long position, ByteBuffer dst) throws IOException;

    /** Fills {@code dst} from {@code position} or fails with an {@link EOFException} naming the source. */
    default void readFully(long position, ByteBuffer dst) throws IOException {
        if (position < 0) {
            throw new ImageFormatException(name() + ": negative offset " + position);
        }
        long p = position;
        while (dst.hasRemaining()) {
            int n = read(p, dst);
            if (n < 0) {
                throw new EOFException(name() + ": offset " + position + " is past the end of the file (" + size() + " bytes)");
            }
            p += n;
        }
    }

    /**
     * The start of the next region at or after {@code position} that may hold data; {@code size()} if none.
     * Sources that know their holes (sparse files) override this; the default says "everything may be data".
     */
    default long nextData(long position) throws IOException {
        return position;
    }

    /** The start of the next hole at or after {@code position}; {@code size()} if none. */
    default long nextHole(long position) throws IOException {
        return size();
    }

    /**
     * The file behind this source, when there is one: formats whose metadata names sibling files (VMDK extents,
     * qcow2 backing files) resolve them against its directory, and refuse them when there is none.
     */
    default Optional<Path> path() {
        return Optional.empty();
    }
}
