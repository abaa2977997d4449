package io.skyfed.image.raw;

import io.skyfed.image.ImageWriter;
import io.skyfed.image.Zeros;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;

/** Writes the whole disk in order to a stream, holes as zeros (a stream cannot seek past them). */
final class RawStreamWriter implements ImageWriter {

    private final OutputStream out;
    private final WritableByteChannel channel;
    private final long size;
    private long position;

    RawStreamWriter(OutputStream out, long size) {
        this.out = out;
        this.channel = Channels.newChannel(out);
        this.size = size;
    }

    @Override
    public void write(long offset, ByteBuffer data) throws IOException {
        if (offset < position || offset + data.remaining() > size) {
            throw new IllegalArgumentException("write at " + offset + " is behind " + position + " or past the end");
        }
        zerosUpTo(offset);
        position += data.remaining();
        while (data.hasRemaining()) {
            channel.write(data);
        }
    }

    private void zerosUpTo(long offset) throws IOException {
        while (position < offset) {
            ByteBuffer z = Zeros.buffer((int) Math.min(Zeros.maxBuffer(), offset - position));
            position += z.remaining();
            while (z.hasRemaining()) {
                channel.write(z);
            }
        }
    }

    @Override
    public void finish() throws IOException {
        zerosUpTo(size);
        out.flush();
    }

    @Override
    public long bytesWritten() {
        return position;
    }

    @Override
    public void close() {
        // The caller owns the stream.
    }
}
