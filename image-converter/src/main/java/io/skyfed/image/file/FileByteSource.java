package io.skyfed.image.file;

import io.skyfed.image.ByteSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An image file, read positionally; knows its holes where the platform can tell. The hole seeker (JNA) is opened on
 * the first question about holes: most formats never ask, and loading JNA costs a CLI run tens of milliseconds.
 */
public final class FileByteSource implements ByteSource {

    private final Path path;
    private final FileChannel channel;
    private final long size;
    private Optional<HoleSeeker> holes;

    private FileByteSource(Path path, FileChannel channel, long size) {
        this.path = path;
        this.channel = channel;
        this.size = size;
    }

    /** Opens {@code path} read-only. Its size is taken once: an image must not change while it is read. */
    public static FileByteSource open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new FileByteSource(path, channel, channel.size());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return path.toString();
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
        int room = dst.remaining();
        if (position + room > size) {
            ByteBuffer clipped = dst.slice().limit((int) (size - position));
            int n = channel.read(clipped, position);
            if (n > 0) {
                dst.position(dst.position() + n);
            }
            return n;
        }
        return channel.read(dst, position);
    }

    @Override
    public long nextData(long position) {
        return holes().map(h -> h.nextData(position, size)).orElse(Math.min(position, size));
    }

    @Override
    public long nextHole(long position) {
        return holes().map(h -> h.nextHole(position, size)).orElse(size);
    }

    private synchronized Optional<HoleSeeker> holes() {
        if (holes == null) {
            holes = HoleSeeker.open(path);
        }
        return holes;
    }

    @Override
    public Optional<Path> path() {
        return Optional.of(path);
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            synchronized (this) {
                if (holes != null) {
                    holes.ifPresent(HoleSeeker::close);
                }
            }
        }
    }
}
