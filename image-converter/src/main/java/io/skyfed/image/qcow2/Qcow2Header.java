package io.skyfed.image.qcow2;

import io.skyfed.image.ByteSource;
import io.skyfed.image.ImageFormatException;
import io.skyfed.image.OpenOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The qcow2 header and its extensions, parsed and checked before anything else is trusted. */
record Qcow2Header(
        int version,
        int clusterBits,
        long size,
        int l1Size,
        long l1TableOffset,
        long incompatibleFeatures,
        long compatibleFeatures,
        int refcountOrder,
        int compressionType,
        int nbSnapshots,
        Optional<String> backingFile,
        Optional<String> backingFormat) {

    static final int MAGIC = 0x514649fb;
    static final int V2_LENGTH = 72;
    static final int V3_LENGTH = 104;

    static final long INCOMPAT_DIRTY = 1;
    static final long INCOMPAT_CORRUPT = 2;
    static final long INCOMPAT_DATA_FILE = 4;
    static final long INCOMPAT_COMPRESSION = 8;
    static final long INCOMPAT_EXTL2 = 16;
    static final long INCOMPAT_KNOWN = 31;
    static final long COMPAT_LAZY_REFCOUNTS = 1;

    static final int COMPRESSION_ZLIB = 0;
    static final int COMPRESSION_ZSTD = 1;

    private static final int EXT_END = 0;
    private static final int EXT_BACKING_FORMAT = 0xE2792ACA;
    private static final int MAX_BACKING_NAME = 1023;
    /** qemu's own ceiling on the L1 table. */
    static final long MAX_L1_BYTES = 32L << 20;
    /** Virtual sizes above this cannot be addressed by 64-bit offsets with any cluster size we accept. */
    private static final long MAX_SIZE = 1L << 61;

    int clusterSize() {
        return 1 << clusterBits;
    }

    boolean extendedL2() {
        return (incompatibleFeatures & INCOMPAT_EXTL2) != 0;
    }

    boolean dirty() {
        return (incompatibleFeatures & INCOMPAT_DIRTY) != 0;
    }

    boolean corrupt() {
        return (incompatibleFeatures & INCOMPAT_CORRUPT) != 0;
    }

    /** L2 entries per table (one cluster of 8- or 16-byte entries). */
    int l2Entries() {
        return clusterSize() / (extendedL2() ? 16 : 8);
    }

    static boolean probe(ByteSource source) throws IOException {
        if (source.size() < V2_LENGTH) {
            return false;
        }
        ByteBuffer b = ByteBuffer.allocate(8);
        source.readFully(0, b);
        int version = b.getInt(4);
        return b.getInt(0) == MAGIC && (version == 2 || version == 3);
    }

    static Qcow2Header read(ByteSource source, OpenOptions options) throws IOException {
        String name = source.name();
        long fileSize = source.size();
        if (fileSize < V2_LENGTH) {
            throw new ImageFormatException(name + ": too short for a qcow2 header (" + fileSize + " bytes)");
        }
        ByteBuffer h = ByteBuffer.allocate((int) Math.min(fileSize, 1 << 9));
        source.readFully(0, h);
        if (h.getInt(0) != MAGIC) {
            throw new ImageFormatException(name + ": not a qcow2 image (bad magic)");
        }
        int version = h.getInt(4);
        if (version != 2 && version != 3) {
            throw new ImageFormatException(name + ": unsupported qcow2 version " + version);
        }
        long backingOffset = h.getLong(8);
        int backingSize = h.getInt(16);
        int clusterBits = h.getInt(20);
        if (clusterBits < 9 || clusterBits > 21) {
            throw new ImageFormatException(name + ": cluster_bits " + clusterBits + " outside 9..21");
        }
        int clusterSize = 1 << clusterBits;
        long size = h.getLong(24);
        if (size < 0 || size > MAX_SIZE) {
            throw new ImageFormatException(name + ": virtual size " + size + " is out of range");
        }
        int crypt = h.getInt(32);
        if (crypt != 0) {
            throw new ImageFormatException(name + ": encrypted qcow2 (crypt_method " + crypt + ") is not supported");
        }
        long l1Size = Integer.toUnsignedLong(h.getInt(36));
        long l1Offset = h.getLong(40);
        int nbSnapshots = h.getInt(60);
        long incompatible = 0;
        long compatible = 0;
        int refcountOrder = 4;
        int headerLength = V2_LENGTH;
        int compressionType = COMPRESSION_ZLIB;
        if (version == 3) {
            if (h.limit() < V3_LENGTH) {
                throw new ImageFormatException(name + ": truncated qcow2 v3 header");
            }
            incompatible = h.getLong(72);
            compatible = h.getLong(80);
            refcountOrder = h.getInt(96);
            headerLength = h.getInt(100);
            if (headerLength < V3_LENGTH || headerLength > clusterSize || headerLength % 8 != 0) {
                throw new ImageFormatException(name + ": bad qcow2 header_length " + headerLength);
            }
            if (headerLength > V3_LENGTH) {
                ByteBuffer ct = ByteBuffer.allocate(1);
                source.readFully(V3_LENGTH, ct);
                compressionType = ct.get(0) & 0xff;
            }
        }
        if ((incompatible & ~INCOMPAT_KNOWN) != 0) {
            throw new ImageFormatException(name + ": unknown qcow2 incompatible features 0x"
                    + Long.toHexString(incompatible & ~INCOMPAT_KNOWN));
        }
        if ((incompatible & INCOMPAT_DATA_FILE) != 0) {
            throw new ImageFormatException(name + ": qcow2 with an external data file is refused");
        }
        boolean zstdBit = (incompatible & INCOMPAT_COMPRESSION) != 0;
        if (compressionType > COMPRESSION_ZSTD || zstdBit != (compressionType == COMPRESSION_ZSTD)) {
            throw new ImageFormatException(name + ": bad qcow2 compression type " + compressionType);
        }
        if ((incompatible & INCOMPAT_EXTL2) != 0 && clusterBits < 14) {
            throw new ImageFormatException(name + ": extended L2 entries need clusters of at least 16 KiB");
        }
        if (refcountOrder < 0 || refcountOrder > 6) {
            throw new ImageFormatException(name + ": refcount_order " + refcountOrder + " outside 0..6");
        }
        int l2Entries = clusterSize / ((incompatible & INCOMPAT_EXTL2) != 0 ? 16 : 8);
        long perL2 = (long) l2Entries << clusterBits;
        long needed = size == 0 ? 0 : (size - 1) / perL2 + 1;
        if (l1Size < needed) {
            throw new ImageFormatException(name + ": L1 table of " + l1Size + " entries is too small for "
                    + size + " bytes");
        }
        long l1Bytes = l1Size * 8;
        if (l1Bytes > MAX_L1_BYTES || l1Bytes > options.maxMetadataBytes()) {
            throw new ImageFormatException(name + ": L1 table of " + l1Bytes + " bytes exceeds the limit");
        }
        if (l1Size > 0 && (l1Offset <= 0 || l1Offset % clusterSize != 0 || l1Offset > fileSize - l1Bytes)) {
            throw new ImageFormatException(name + ": L1 table offset " + l1Offset + " is unaligned or past the end");
        }
        Optional<String> backing = Optional.empty();
        if (backingOffset != 0) {
            if (backingSize <= 0 || backingSize > MAX_BACKING_NAME || backingOffset < 0
                    || backingOffset + backingSize > Math.min(clusterSize, fileSize)) {
                throw new ImageFormatException(name + ": bad backing file name field");
            }
            ByteBuffer bn = ByteBuffer.allocate(backingSize);
            source.readFully(backingOffset, bn);
            backing = Optional.of(new String(bn.array(), StandardCharsets.UTF_8));
        }
        Optional<String> backingFormat = readExtensions(source, headerLength, clusterSize);
        return new Qcow2Header(version, clusterBits, size, (int) l1Size, l1Offset, incompatible, compatible,
                refcountOrder, compressionType, nbSnapshots, backing, backingFormat);
    }

    /** Walks the header extensions (bounded by the header cluster); returns the backing format if named. */
    private static Optional<String> readExtensions(ByteSource source, int start, int clusterSize) throws IOException {
        long end = Math.min(clusterSize, source.size());
        Optional<String> backingFormat = Optional.empty();
        long p = start;
        while (p + 8 <= end) {
            ByteBuffer th = ByteBuffer.allocate(8);
            source.readFully(p, th);
            int type = th.getInt(0);
            long len = Integer.toUnsignedLong(th.getInt(4));
            if (type == EXT_END) {
                break;
            }
            if (p + 8 + len > end) {
                throw new ImageFormatException(source.name() + ": qcow2 header extension 0x"
                        + Integer.toHexString(type) + " runs past the header cluster");
            }
            if (type == EXT_BACKING_FORMAT && len > 0 && len <= 64) {
                ByteBuffer f = ByteBuffer.allocate((int) len);
                source.readFully(p + 8, f);
                backingFormat = Optional.of(new String(f.array(), StandardCharsets.US_ASCII));
            }
            p += 8 + (len + 7) / 8 * 8;
        }
        return backingFormat;
    }
}
