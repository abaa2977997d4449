package io.skyfed.image.formatkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A temporary file for the part of a sequential format that must be complete before its header can be written
 * (a tar member's size, a sparse map). It is deleted on close, and refuses to grow past its limit.
 */
public final class Spool implements AutoCloseable {

    private final Path file;
    private final long limit;
    private final FileChannel channel;
    private final CountingOutputStream out;

    public Spool(Path directory, String prefix, long limit) throws IOException {
        this.file = Files.createTempFile(directory, prefix, ".spool");
        this.limit = limit;
        this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE);
        OutputStream raw = FileWrites.outputStream(channel);
        this.out = new CountingOutputStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (Spool.this.out.count() + len > Spool.this.limit) {
                    throw new IOException("temporary file " + file + " would exceed its limit of " + Spool.this.limit
                            + " bytes (raise spool_max or free space)");
                }
                raw.write(b, off, len);
            }
        }, false);
    }

    /** Where to write the spooled bytes. Closing it does not close the spool. */
    public OutputStream output() {
        return out;
    }

    public long size() {
        return out.count();
    }

    /** Copies everything spooled so far to {@code target}. */
    public void copyTo(OutputStream target) throws IOException {
        out.flush();
        long size = channel.size();
        long at = 0;
        // Each read becomes one write to target, which is often a file: as short as FileWrites keeps them.
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(FileWrites.MAX_WRITE);
        while (at < size) {
            buf.clear();
            int n = channel.read(buf, at);
            if (n < 0) {
                break;
            }
            target.write(buf.array(), 0, n);
            at += n;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
    }
}
