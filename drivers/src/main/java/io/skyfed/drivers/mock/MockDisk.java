package io.skyfed.drivers.mock;

import java.io.InputStream;

/**
 * A mock instance's raw boot disk, generated on the fly: a boot sector naming the instance, then zeros with a
 * marker at every MiB. Nothing is held in memory, however large the disk.
 */
final class MockDisk extends InputStream {

    static final long MIB = 1024 * 1024;

    private final byte[] header;
    private final long size;
    private long position;

    MockDisk(String instanceId, long size) {
        this.header = ("SKYFED-MOCK-DISK " + instanceId + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        this.size = size;
    }

    /** The byte at {@code offset} of the disk of {@code header}. */
    private byte at(long offset) {
        if (offset < header.length) {
            return header[(int) offset];
        }
        if (offset == 510) {
            return 0x55;
        }
        if (offset == 511) {
            return (byte) 0xAA;
        }
        return offset % MIB == 0 ? (byte) (offset / MIB) : 0;
    }

    @Override
    public int read() {
        return position < size ? at(position++) & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(len, size - position);
        for (int i = 0; i < n; i++) {
            b[off + i] = at(position + i);
        }
        position += n;
        return n;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, size - position);
    }
}
