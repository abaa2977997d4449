package io.skyfed.image.formatkit;

import io.skyfed.image.ByteSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** A {@link ByteSource} read front to back as a stream (for decompressors). */
public final class SourceInputStream extends InputStream {

    private final ByteSource source;
    private long position;

    public SourceInputStream(ByteSource source, long start) {
        this.source = source;
        this.position = start;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = source.read(position, ByteBuffer.wrap(b, off, len));
        if (n > 0) {
            position += n;
        }
        return n == 0 ? -1 : n;
    }

    @Override
    public long skip(long n) throws IOException {
        long k = Math.max(0, Math.min(n, source.size() - position));
        position += k;
        return k;
    }
}
