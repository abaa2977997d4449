package io.skyfed.image.qcow2;

import io.skyfed.image.Allocation;
import io.skyfed.image.BackingFiles;
import io.skyfed.image.ByteSource;
import io.skyfed.image.DiskImage;
import io.skyfed.image.Extent;
import io.skyfed.image.ExtentList;
import io.skyfed.image.ExtentType;
import io.skyfed.image.ImageFormatException;
import io.skyfed.image.OpenOptions;
import io.skyfed.image.Reads;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the active layer of a qcow2 v2/v3 image: L1 → L2 → clusters, compressed clusters, zero clusters, extended
 * L2 subclusters and (if allowed) a backing image. Refcounts and snapshots are never consulted: a reader does not
 * need them, and a dirty image's refcounts are stale anyway. Every table offset is checked against the file.
 */
final class Qcow2Image implements DiskImage {

    private static final long OFFSET_MASK = 0x00fffffffffffe00L;
    private static final long COMPRESSED = 1L << 62;
    private static final long ZERO_FLAG = 1;
    private static final int SUBCLUSTERS = 32;
    /** L2 tables kept in memory: sequential reads need one at a time; a few more help random access. */
    private static final long L2_CACHE_BYTES = 8L << 20;

    private final ByteSource source;
    private final Qcow2Header header;
    private final long fileSize;
    private final int clusterBits;
    private final int clusterSize;
    private final int l2Bits;
    private final long[] l1;
    private final Map<Long, long[]> l2Cache;
    private final ClusterDecompressor decompressor;
    private final Optional<DiskImage> backing;

    private Qcow2Image(ByteSource source, Qcow2Header header, long[] l1, Optional<DiskImage> backing) throws IOException {
        this.source = source;
        this.header = header;
        this.fileSize = source.size();
        this.clusterBits = header.clusterBits();
        this.clusterSize = header.clusterSize();
        this.l2Bits = Integer.numberOfTrailingZeros(header.l2Entries());
        this.l1 = l1;
        int cacheTables = (int) Math.max(2, L2_CACHE_BYTES / clusterSize);
        this.l2Cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, long[]> eldest) {
                return size() > cacheTables;
            }
        };
        this.decompressor = new ClusterDecompressor(source.name(), clusterSize, header.compressionType());
        this.backing = backing;
    }

    static Qcow2Image open(ByteSource source, OpenOptions options) throws IOException {
        Qcow2Header header = Qcow2Header.read(source, options);
        long[] l1 = new long[header.l1Size()];
        if (l1.length > 0) {
            ByteBuffer b = ByteBuffer.allocate(l1.length * 8);
            source.readFully(header.l1TableOffset(), b);
            b.flip().asLongBuffer().get(l1);
        }
        Optional<DiskImage> backing = Optional.empty();
        if (header.backingFile().isPresent()) {
            backing = Optional.of(BackingFiles.open(source, header.backingFile().get(), header.backingFormat(), options));
        }
        return new Qcow2Image(source, header, l1, backing);
    }

    @Override
    public String format() {
        return "qcow2";
    }

    @Override
    public long virtualSize() {
        return header.size();
    }

    /** One run of the disk inside one cluster (or L2 range) with a single state. */
    private record Piece(ExtentType type, long host, long length, boolean compressed, long descriptor) {
    }

    /** The state of the disk at {@code pos}, as far as it stays the same and at most up to {@code limit}. */
    private Piece piece(long pos, long limit) throws IOException {
        long cluster = pos >>> clusterBits;
        int l1Index = (int) (cluster >>> l2Bits);
        long l2Start = (long) l1Index << (l2Bits + clusterBits);
        long l2Offset = l1Index < l1.length ? l1[l1Index] & OFFSET_MASK : 0;
        if (l2Offset == 0) {
            long end = Math.min(limit, l2Start + (1L << (l2Bits + clusterBits)));
            return new Piece(ExtentType.UNALLOCATED, 0, end - pos, false, 0);
        }
        long[] l2 = l2Table(l2Offset);
        int index = (int) (cluster & ((1L << l2Bits) - 1));
        boolean extended = header.extendedL2();
        long entry = l2[extended ? 2 * index : index];
        long clusterStart = cluster << clusterBits;
        long clusterEnd = Math.min(limit, clusterStart + clusterSize);
        if ((entry & COMPRESSED) != 0) {
            return new Piece(ExtentType.DATA, 0, clusterEnd - pos, true, entry);
        }
        long host = entry & OFFSET_MASK;
        if (host != 0) {
            checkDataCluster(host);
        }
        if (!extended) {
            if (header.version() >= 3 && (entry & ZERO_FLAG) != 0) {
                return new Piece(ExtentType.ZERO, 0, clusterEnd - pos, false, 0);
            }
            if (host == 0) {
                return new Piece(ExtentType.UNALLOCATED, 0, clusterEnd - pos, false, 0);
            }
            return new Piece(ExtentType.DATA, host + (pos - clusterStart), clusterEnd - pos, false, 0);
        }
        long bitmap = l2[2 * index + 1];
        int alloc = (int) bitmap;
        int zero = (int) (bitmap >>> 32);
        if ((alloc & zero) != 0) {
            throw new ImageFormatException(source.name() + ": subcluster both allocated and zero at " + pos);
        }
        if (alloc != 0 && host == 0) {
            throw new ImageFormatException(source.name() + ": allocated subclusters without a cluster at " + pos);
        }
        int subBits = clusterBits - 5;
        int sub = (int) ((pos - clusterStart) >>> subBits);
        ExtentType type = state(alloc, zero, sub);
        int last = sub;
        while (last + 1 < SUBCLUSTERS && state(alloc, zero, last + 1) == type) {
            last++;
        }
        long end = Math.min(clusterEnd, clusterStart + ((long) (last + 1) << subBits));
        long hostPos = type == ExtentType.DATA ? host + (pos - clusterStart) : 0;
        return new Piece(type, hostPos, end - pos, false, 0);
    }

    private static ExtentType state(int alloc, int zero, int sub) {
        if ((zero >>> sub & 1) != 0) {
            return ExtentType.ZERO;
        }
        return (alloc >>> sub & 1) != 0 ? ExtentType.DATA : ExtentType.UNALLOCATED;
    }

    private void checkDataCluster(long host) throws ImageFormatException {
        if (host % clusterSize != 0) {
            throw new ImageFormatException(source.name() + ": data cluster offset " + host + " is not cluster-aligned");
        }
        if (host >= fileSize) {
            throw new ImageFormatException(source.name() + ": data cluster offset " + host
                    + " is past the end of the file (" + fileSize + ")");
        }
    }

    private long[] l2Table(long offset) throws IOException {
        long[] cached = l2Cache.get(offset);
        if (cached != null) {
            return cached;
        }
        if (offset % clusterSize != 0 || offset > fileSize - clusterSize) {
            throw new ImageFormatException(source.name() + ": L2 table offset " + offset
                    + " is unaligned or past the end of the file");
        }
        ByteBuffer b = ByteBuffer.allocate(clusterSize);
        source.readFully(offset, b);
        long[] table = new long[clusterSize / 8];
        b.flip().asLongBuffer().get(table);
        l2Cache.put(offset, table);
        return table;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        Reads.checkRange(source.name(), offset, dst.remaining(), header.size());
        long pos = offset;
        long end = offset + dst.remaining();
        long runHost = -1;
        int runLength = 0;
        while (pos < end) {
            Piece p = piece(pos, end);
            int n = (int) p.length();
            if (p.type() == ExtentType.DATA && !p.compressed()) {
                if (runLength > 0 && runHost + runLength == p.host()) {
                    runLength += n;
                } else {
                    readRun(dst, runHost, runLength);
                    runHost = p.host();
                    runLength = n;
                }
                pos += n;
                continue;
            }
            readRun(dst, runHost, runLength);
            runLength = 0;
            if (p.compressed()) {
                ByteBuffer cluster = decompressor.cluster(source, p.descriptor(), fileSize);
                int from = (int) (pos & (clusterSize - 1));
                dst.put(cluster.slice(from, n));
            } else if (p.type() == ExtentType.UNALLOCATED && backing.isPresent()) {
                readBacking(pos, dst, n);
            } else {
                Reads.zeroFill(dst, n);
            }
            pos += n;
        }
        readRun(dst, runHost, runLength);
    }

    private void readRun(ByteBuffer dst, long host, int length) throws IOException {
        if (length > 0) {
            ByteBuffer part = dst.slice().limit(length);
            source.readFully(host, part);
            dst.position(dst.position() + length);
        }
    }

    /** Reads from the backing image; a backing image shorter than this one reads as zeros past its end. */
    private void readBacking(long pos, ByteBuffer dst, int n) throws IOException {
        DiskImage base = backing.orElseThrow();
        int inBase = (int) Math.max(0, Math.min(n, base.virtualSize() - pos));
        if (inBase > 0) {
            ByteBuffer part = dst.slice().limit(inBase);
            base.read(pos, part);
            dst.position(dst.position() + inBase);
        }
        Reads.zeroFill(dst, n - inBase);
    }

    @Override
    public Iterator<Extent> extents(long offset, long length) throws IOException {
        Reads.checkRange(source.name(), offset, length, header.size());
        ExtentList out = new ExtentList();
        long end = offset + length;
        long pos = offset;
        while (pos < end) {
            Piece p = piece(pos, end);
            if (p.type() == ExtentType.UNALLOCATED && backing.isPresent()) {
                addBacking(out, pos, p.length());
            } else {
                out.add(pos, p.length(), p.type());
            }
            pos += p.length();
        }
        return out.iterator();
    }

    private void addBacking(ExtentList out, long pos, long length) throws IOException {
        DiskImage base = backing.orElseThrow();
        long inBase = Math.max(0, Math.min(length, base.virtualSize() - pos));
        if (inBase > 0) {
            Iterator<Extent> it = base.extents(pos, inBase);
            while (it.hasNext()) {
                Extent e = it.next();
                out.add(e.offset(), e.length(), e.type());
            }
        }
        out.add(pos + inBase, length - inBase, ExtentType.UNALLOCATED);
    }

    @Override
    public long actualSize() throws IOException {
        return Allocation.allocatedBytes(source);
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("compat", header.version() == 2 ? "0.10" : "1.1");
        d.put("compression-type", header.compressionType() == Qcow2Header.COMPRESSION_ZSTD ? "zstd" : "zlib");
        d.put("cluster-size", clusterSize);
        d.put("lazy-refcounts", (header.compatibleFeatures() & Qcow2Header.COMPAT_LAZY_REFCOUNTS) != 0);
        d.put("refcount-bits", 1 << header.refcountOrder());
        d.put("corrupt", header.corrupt());
        d.put("dirty", header.dirty());
        d.put("extended-l2", header.extendedL2());
        d.put("snapshots", header.nbSnapshots());
        header.backingFile().ifPresent(b -> d.put("backing-filename", b));
        header.backingFormat().ifPresent(b -> d.put("backing-filename-format", b));
        return d;
    }

    @Override
    public void close() throws IOException {
        try {
            source.close();
        } finally {
            if (backing.isPresent()) {
                backing.get().close();
            }
        }
    }
}
