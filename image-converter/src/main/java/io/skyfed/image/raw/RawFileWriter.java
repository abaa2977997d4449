package io.skyfed.image.raw;

import io.skyfed.image.ImageWriter;
import io.skyfed.image.Zeros;
import io.skyfed.image.formatkit.FileWrites;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Writes data at its own offset in a fresh file; skipped ranges stay holes. */
final class RawFileWriter implements ImageWriter {

    private final FileChannel channel;
    private final long size;
    private long written;
    private long end;

    RawFileWriter(FileChannel channel, long size) {
        this.channel = channel;
        this.size = size;
    }

    @Override
    public void write(long offset, ByteBuffer data) throws IOException {
        int n = data.remaining();
        FileWrites.writeFully(channel, data, offset);
        written += n;
        end = Math.max(end, offset + n);
    }

    @Override
    public void finish() throws IOException {
        // FileChannel cannot extend a file without writing: one zero sector at the end gives it its length.
        if (end < size) {
            write(size - 512, Zeros.buffer(512));
        }
        if (channel.size() > size) {
            channel.truncate(size);
        }
    }

    @Override
    public long bytesWritten() {
        return written;
    }

    @Override
    public void close() {
        // The caller owns the channel.
    }
}
