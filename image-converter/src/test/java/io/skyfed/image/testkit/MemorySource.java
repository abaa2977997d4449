package io.skyfed.image.testkit;

import io.skyfed.image.ByteSource;
import java.nio.ByteBuffer;

/** An in-memory source for hand-made (often hostile) images. */
public final class MemorySource implements ByteSource {

    private final byte[] bytes;
    private final String name;

    public MemorySource(byte[] bytes, String name) {
        this.bytes = bytes;
        this.name = name;
    }

    public MemorySource(byte[] bytes) {
        this(bytes, "memory");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public int read(long position, ByteBuffer dst) {
        if (position >= bytes.length) {
            return -1;
        }
        int n = (int) Math.min(dst.remaining(), bytes.length - position);
        dst.put(bytes, (int) position, n);
        return n;
    }

    @Override
    public void close() {
    }
}
