package io.skyfed.image.vmdk;

import io.skyfed.image.ByteSource;
import io.skyfed.image.ImageFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The 512-byte header of a hosted sparse extent (monolithicSparse, streamOptimized, -sNNN files). Little-endian. */
record SparseExtentHeader(int version, int flags, long capacity, long grainSize, long descriptorOffset,
                          long descriptorSize, int numGTEsPerGT, long gdOffset, long overHead, int compressAlgorithm) {

    static final int MAGIC = 0x564d444b;
    static final int SIZE = 512;
    static final long GD_AT_END = -1L;
    static final int FLAG_NL_DETECT = 1;
    static final int FLAG_RGD = 2;
    static final int FLAG_ZEROED_GRAIN = 4;
    static final int FLAG_COMPRESSED = 1 << 16;
    static final int FLAG_MARKERS = 1 << 17;
    static final int COMPRESS_DEFLATE = 1;
    /** Largest grain we accept: 32 MiB (qemu writes 64 KiB; VMware never more than 1 MiB). */
    private static final long MAX_GRAIN_SECTORS = 1 << 16;
    /** 64-bit sector counts are refused above this many sectors (8 PiB). */
    private static final long MAX_CAPACITY = 1L << 44;

    long grainBytes() {
        return grainSize * 512;
    }

    boolean compressed() {
        return (flags & FLAG_COMPRESSED) != 0;
    }

    boolean markers() {
        return (flags & FLAG_MARKERS) != 0;
    }

    boolean zeroedGrains() {
        return (flags & FLAG_ZEROED_GRAIN) != 0;
    }

    /** Number of grain directory entries the capacity needs. */
    long gdEntries() {
        long perGT = grainSize * numGTEsPerGT;
        return (capacity + perGT - 1) / perGT;
    }

    static boolean probe(ByteSource source) throws IOException {
        if (source.size() < SIZE) {
            return false;
        }
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        source.readFully(0, b);
        return b.getInt(0) == MAGIC;
    }

    static SparseExtentHeader read(ByteSource source, long at) throws IOException {
        String name = source.name();
        if (source.size() < at + SIZE) {
            throw new ImageFormatException(name + ": too short for a VMDK sparse header");
        }
        ByteBuffer h = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        source.readFully(at, h);
        if (h.getInt(0) != MAGIC) {
            throw new ImageFormatException(name + ": not a VMDK sparse extent (bad magic)");
        }
        SparseExtentHeader header = new SparseExtentHeader(h.getInt(4), h.getInt(8), h.getLong(12), h.getLong(20),
                h.getLong(28), h.getLong(36), h.getInt(44), h.getLong(56), h.getLong(64), h.getShort(77) & 0xffff);
        header.validate(name);
        return header;
    }

    private void validate(String name) throws ImageFormatException {
        if (version < 1 || version > 3) {
            throw new ImageFormatException(name + ": unsupported VMDK sparse version " + version);
        }
        if (capacity < 0 || capacity > MAX_CAPACITY) {
            throw new ImageFormatException(name + ": VMDK capacity " + capacity + " sectors is out of range");
        }
        if (grainSize < 1 || grainSize > MAX_GRAIN_SECTORS || Long.bitCount(grainSize) != 1) {
            throw new ImageFormatException(name + ": VMDK grain size " + grainSize + " sectors is invalid");
        }
        if (numGTEsPerGT < 1 || numGTEsPerGT > 4096 || Integer.bitCount(numGTEsPerGT) != 1) {
            throw new ImageFormatException(name + ": VMDK numGTEsPerGT " + numGTEsPerGT + " is invalid");
        }
        if (compressed() && compressAlgorithm != COMPRESS_DEFLATE) {
            throw new ImageFormatException(name + ": unknown VMDK compression algorithm " + compressAlgorithm);
        }
        if (descriptorSize < 0 || descriptorSize > VmdkDescriptor.MAX_BYTES / 512 || descriptorOffset < 0) {
            throw new ImageFormatException(name + ": VMDK embedded descriptor size " + descriptorSize + " is invalid");
        }
    }

    /** The header as written to disk ({@code gdOffset} and flags as given). */
    ByteBuffer encode() {
        ByteBuffer h = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(MAGIC).putInt(version).putInt(flags).putLong(capacity).putLong(grainSize)
                .putLong(descriptorOffset).putLong(descriptorSize).putInt(numGTEsPerGT)
                .putLong(0).putLong(gdOffset).putLong(overHead);
        h.put((byte) 0).put((byte) '\n').put((byte) ' ').put((byte) '\r').put((byte) '\n');
        h.putShort((short) compressAlgorithm);
        return h.clear();
    }
}
