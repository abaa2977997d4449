package io.skyfed.image.file;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds data and holes in a sparse file with Linux {@code lseek(SEEK_DATA/SEEK_HOLE)} through JNA (Java 17 NIO has
 * no such call). Absent where the platform or the native library is not available: callers then treat the whole
 * file as data and rely on zero detection.
 */
final class HoleSeeker implements Closeable {

    private static final int O_RDONLY = 0;
    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;
    private static final int ENXIO = 6;

    /** The few libc calls we need. */
    interface LibC extends Library {
        int open(String path, int flags) throws LastErrorException;

        long lseek(int fd, long offset, int whence) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static final LibC LIBC = load();

    private final int fd;

    private HoleSeeker(int fd) {
        this.fd = fd;
    }

    private static LibC load() {
        if (!Platform.isLinux()) {
            return null;
        }
        try {
            return Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }

    static Optional<HoleSeeker> open(Path path) {
        if (LIBC == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new HoleSeeker(LIBC.open(path.toString(), O_RDONLY)));
        } catch (LastErrorException e) {
            return Optional.empty();
        }
    }

    /** The next offset at or after {@code position} holding data, or {@code size} when none. */
    long nextData(long position, long size) {
        return seek(position, SEEK_DATA, size);
    }

    /** The next hole at or after {@code position} (the end of the file counts as one). */
    long nextHole(long position, long size) {
        return seek(position, SEEK_HOLE, size);
    }

    private long seek(long position, int whence, long size) {
        if (position >= size) {
            return size;
        }
        try {
            return Math.min(LIBC.lseek(fd, position, whence), size);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ENXIO) {
                return size;
            }
            // A file system without hole support: everything is data up to the end.
            return whence == SEEK_DATA ? position : size;
        }
    }

    @Override
    public void close() {
        try {
            LIBC.close(fd);
        } catch (LastErrorException ignored) {
            // Closing a read-only descriptor cannot lose data.
        }
    }
}
