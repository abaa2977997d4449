package io.skyfed.image.tar;

import io.skyfed.image.ByteSource;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** Sequential 512-byte blocks of a tar archive, from random-access bytes (an OVA) or a stream (a gunzipped GCE image). */
public interface TarInput {

    /** Offset of the next block in the archive. */
    long position();

    /** The next 512 bytes, or null at the end of the input. */
    byte[] block() throws IOException;

    /** Moves forward to {@code offset} (never back). */
    void skipTo(long offset) throws IOException;

    static TarInput of(ByteSource source) {
        return new TarInput() {
            private long position;

            @Override
            public long position() {
                return position;
            }

            @Override
            public byte[] block() throws IOException {
                if (position + 512 > source.size()) {
                    return null;
                }
                ByteBuffer b = ByteBuffer.allocate(512);
                source.readFully(position, b);
                position += 512;
                return b.array();
            }

            @Override
            public void skipTo(long offset) {
                position = Math.max(position, offset);
            }
        };
    }

    static TarInput of(InputStream in) {
        return new TarInput() {
            private long position;

            @Override
            public long position() {
                return position;
            }

            @Override
            public byte[] block() throws IOException {
                byte[] b = in.readNBytes(512);
                if (b.length == 0) {
                    return null;
                }
                if (b.length < 512) {
                    throw new EOFException("tar archive ends inside a header block");
                }
                position += 512;
                return b;
            }

            @Override
            public void skipTo(long offset) throws IOException {
                while (position < offset) {
                    long n = in.skip(offset - position);
                    if (n <= 0) {
                        if (in.read() < 0) {
                            throw new EOFException("tar archive ends inside a member's data");
                        }
                        n = 1;
                    }
                    position += n;
                }
            }
        };
    }
}
