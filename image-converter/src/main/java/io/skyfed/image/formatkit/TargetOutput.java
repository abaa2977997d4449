package io.skyfed.image.formatkit;

import io.skyfed.image.WriteTarget;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The bytes of an image being written, over either kind of {@link WriteTarget}. On a stream, positions may only
 * grow and gaps are filled with zeros; on a file, gaps stay holes and {@link #writeAt} may go back for metadata.
 */
public final class TargetOutput {

    private static final int ZERO_CHUNK = 1 << 20;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(ZERO_CHUNK).asReadOnlyBuffer();

    private final FileChannel channel;
    private final OutputStream stream;
    private long position;
    private long written;

    public TargetOutput(WriteTarget target) {
        if (target instanceof WriteTarget.Seekable s) {
            this.channel = s.channel();
            this.stream = null;
        } else {
            this.channel = null;
            this.stream = ((WriteTarget.Stream) target).out();
        }
    }

    /** The target as a plain stream, for writers that only append: the stream itself, or the file from its position. */
    public static OutputStream stream(WriteTarget target) {
        return target instanceof WriteTarget.Stream s ? s.out()
                : FileWrites.outputStream(((WriteTarget.Seekable) target).channel());
    }

    /** A writer that needs to seek back refuses a stream target up front, with the reason. */
    public static FileChannel requireSeekable(WriteTarget target, String what) {
        if (target instanceof WriteTarget.Seekable s) {
            return s.channel();
        }
        throw new IllegalArgumentException(what + " needs a seekable output file, not a stream");
    }

    public boolean seekable() {
        return channel != null;
    }

    /** The end of what was written so far. */
    public long position() {
        return position;
    }

    public long bytesWritten() {
        return written;
    }

    /** Appends {@code data} at {@code offset}, which must not be behind {@link #position()}. */
    public void write(long offset, ByteBuffer data) throws IOException {
        if (offset < position) {
            throw new IllegalStateException("write at " + offset + " is behind the output position " + position);
        }
        if (stream != null) {
            zeroFill(offset);
        }
        int n = data.remaining();
        writeAt(offset, data);
        position = offset + n;
    }

    /** Extends the output to {@code offset}: zeros on a stream, a hole on a file. */
    public void zeroFill(long offset) throws IOException {
        if (stream != null) {
            while (position < offset) {
                int n = (int) Math.min(ZERO_CHUNK, offset - position);
                writeStream(ZEROS.duplicate().limit(n));
                position += n;
                written += n;
            }
        } else if (offset > position) {
            position = offset;
        }
    }

    /** Writes at any offset of a seekable target (metadata written at the end); on a stream, only at the position. */
    public void writeAt(long offset, ByteBuffer data) throws IOException {
        int n = data.remaining();
        if (channel != null) {
            FileWrites.writeFully(channel, data, offset);
            position = Math.max(position, offset + n);
        } else {
            if (offset != position) {
                throw new IllegalStateException("a stream cannot write at " + offset + ", it is at " + position);
            }
            writeStream(data);
            position += n;
        }
        written += n;
    }

    /** Makes a file target exactly {@code size} bytes long, so trailing holes count. */
    public void setLength(long size) throws IOException {
        if (channel != null) {
            if (channel.size() > size) {
                channel.truncate(size);
            } else if (channel.size() < size) {
                channel.write(ByteBuffer.allocate(1), size - 1);
            }
        } else {
            zeroFill(size);
        }
    }

    public void flush() throws IOException {
        if (stream != null) {
            stream.flush();
        }
    }

    private void writeStream(ByteBuffer data) throws IOException {
        if (data.hasArray()) {
            stream.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
            data.position(data.limit());
        } else {
            byte[] chunk = new byte[Math.min(data.remaining(), 1 << 16)];
            while (data.hasRemaining()) {
                int n = Math.min(chunk.length, data.remaining());
                data.get(chunk, 0, n);
                stream.write(chunk, 0, n);
            }
        }
    }
}
