package io.skyfed.image.formatkit;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;

/**
 * Positional writes into an output file, issued in pieces of at most {@link #MAX_WRITE} bytes.
 *
 * <p>Why pieces: Linux (6.x, ext4 with large folios) sizes the page-cache folios a write creates after the length
 * of the write. On the 2-core benchmark VM, whose free memory is returned to the host (virtio-balloon free page
 * reporting), copying into the large folios of 1 MiB and longer writes cost 5-15x the kernel time of 512 KiB and
 * shorter ones (BENCHMARKS.md, 2026-11-26 23:00). A 4 MiB write becomes 16 system calls; the extra calls cost
 * nothing measurable, while reads keep their large buffers.
 */
public final class FileWrites {

    /** The longest single write; see the class comment for why not more. */
    public static final int MAX_WRITE = 256 << 10;

    private FileWrites() {
    }

    /** Writes all of {@code data} at {@code position}; {@code data}'s position ends at its limit, as after a write. */
    public static void writeFully(FileChannel channel, ByteBuffer data, long position) throws IOException {
        int end = data.limit();
        long p = position;
        try {
            while (data.position() < end) {
                data.limit(Math.min(end, data.position() + MAX_WRITE));
                while (data.hasRemaining()) {
                    p += channel.write(data, p);
                }
            }
        } finally {
            data.limit(end);
        }
    }

    /** An output stream appending at the channel's position, each write cut to at most {@link #MAX_WRITE} bytes. */
    public static OutputStream outputStream(FileChannel channel) {
        return new FilterOutputStream(Channels.newOutputStream(channel)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int p = 0; p < len; p += MAX_WRITE) {
                    out.write(b, off + p, Math.min(MAX_WRITE, len - p));
                }
            }
        };
    }
}
