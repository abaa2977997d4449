package io.skyfed.drivers.spi;

/** {@code length} bytes of a disk from {@code offset}. */
public record DiskExtent(long offset, long length) {

    public DiskExtent {
        if (offset < 0 || length <= 0) {
            throw new IllegalArgumentException("an extent needs offset >= 0 and length > 0, not " + offset + "+" + length);
        }
    }

    public long end() {
        return offset + length;
    }
}
