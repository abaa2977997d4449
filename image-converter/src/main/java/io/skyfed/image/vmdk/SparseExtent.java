package io.skyfed.image.vmdk;

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
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One hosted sparse extent: grain directory → grain tables → grains, plain or deflated behind grain markers
 * (streamOptimized). GTE 0 is unallocated, GTE 1 a zeroed grain when the header says so. The grain directory of a
 * stream whose header defers it ({@code gdOffset = -1}) is taken from the footer.
 */
final class SparseExtent implements DiskImage {

    private static final int GT_CACHE = 64;
    /** A grain marker: 64-bit LBA and 32-bit compressed size, then the deflated grain. */
    private static final int MARKER_HEADER = 12;

    private final ByteSource source;
    private final SparseExtentHeader header;
    private final long fileSize;
    private final long size;
    private final long grainBytes;
    private final long gtCoverage;
    private final int[] gd;
    private final Map<Integer, int[]> gtCache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, int[]> eldest) {
            return size() > GT_CACHE;
        }
    };
    private final Inflater inflater = new Inflater();
    private byte[] compressed = new byte[0];
    private byte[] grain = new byte[0];
    private long cachedGrain = -1;

    private SparseExtent(ByteSource source, SparseExtentHeader header, int[] gd) throws IOException {
        this.source = source;
        this.header = header;
        this.fileSize = source.size();
        this.size = header.capacity() * 512;
        this.grainBytes = header.grainBytes();
        this.gtCoverage = grainBytes * header.numGTEsPerGT();
        this.gd = gd;
    }

    static SparseExtent open(ByteSource source, SparseExtentHeader header, OpenOptions options) throws IOException {
        String name = source.name();
        SparseExtentHeader effective = header;
        if (header.gdOffset() == SparseExtentHeader.GD_AT_END) {
            if (source.size() < 3 * 512) {
                throw new ImageFormatException(name + ": streamOptimized VMDK without a footer");
            }
            effective = SparseExtentHeader.read(source, source.size() - 1024);
            if (effective.gdOffset() == SparseExtentHeader.GD_AT_END) {
                throw new ImageFormatException(name + ": VMDK footer does not locate the grain directory");
            }
        }
        if (effective.grainBytes() > options.maxMetadataBytes()) {
            throw new ImageFormatException(name + ": VMDK grain of " + effective.grainBytes() + " bytes exceeds the limit");
        }
        long entries = effective.gdEntries();
        long gdBytes = entries * 4;
        if (gdBytes > options.maxMetadataBytes()) {
            throw new ImageFormatException(name + ": VMDK grain directory of " + gdBytes + " bytes exceeds the limit");
        }
        long gdAt = effective.gdOffset() * 512;
        if (entries > 0 && (effective.gdOffset() <= 0 || gdAt > source.size() - gdBytes)) {
            throw new ImageFormatException(name + ": VMDK grain directory offset " + effective.gdOffset()
                    + " is past the end of the file");
        }
        int[] gd = new int[(int) entries];
        if (entries > 0) {
            ByteBuffer b = ByteBuffer.allocate((int) gdBytes).order(ByteOrder.LITTLE_ENDIAN);
            source.readFully(gdAt, b);
            b.flip().asIntBuffer().get(gd);
        }
        return new SparseExtent(source, effective, gd);
    }

    SparseExtentHeader header() {
        return header;
    }

    @Override
    public String format() {
        return "vmdk";
    }

    @Override
    public long virtualSize() {
        return size;
    }

    private record Piece(ExtentType type, long host, long length, boolean compressed) {
    }

    private Piece piece(long pos, long limit) throws IOException {
        int gdIndex = (int) (pos / gtCoverage);
        long gtStart = gdIndex * gtCoverage;
        long gtSector = Integer.toUnsignedLong(gd[gdIndex]);
        if (gtSector == 0) {
            return new Piece(ExtentType.UNALLOCATED, 0, Math.min(limit, gtStart + gtCoverage) - pos, false);
        }
        int[] gt = grainTable(gdIndex, gtSector);
        int index = (int) ((pos - gtStart) / grainBytes);
        long grainStart = gtStart + index * grainBytes;
        long end = Math.min(limit, grainStart + grainBytes);
        long entry = Integer.toUnsignedLong(gt[index]);
        if (entry == 0) {
            return new Piece(ExtentType.UNALLOCATED, 0, end - pos, false);
        }
        if (entry == 1 && header.zeroedGrains()) {
            return new Piece(ExtentType.ZERO, 0, end - pos, false);
        }
        long host = entry * 512;
        if (host >= fileSize) {
            throw new ImageFormatException(source.name() + ": VMDK grain at sector " + entry + " is past the end of the file");
        }
        if (header.compressed()) {
            return new Piece(ExtentType.DATA, host, end - pos, true);
        }
        return new Piece(ExtentType.DATA, host + (pos - grainStart), end - pos, false);
    }

    private int[] grainTable(int gdIndex, long sector) throws IOException {
        int[] cached = gtCache.get(gdIndex);
        if (cached != null) {
            return cached;
        }
        int entries = header.numGTEsPerGT();
        long at = sector * 512;
        if (at > fileSize - entries * 4L) {
            throw new ImageFormatException(source.name() + ": VMDK grain table at sector " + sector + " is past the end of the file");
        }
        ByteBuffer b = ByteBuffer.allocate(entries * 4).order(ByteOrder.LITTLE_ENDIAN);
        source.readFully(at, b);
        int[] gt = new int[entries];
        b.flip().asIntBuffer().get(gt);
        gtCache.put(gdIndex, gt);
        return gt;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        Reads.checkRange(source.name(), offset, dst.remaining(), size);
        long pos = offset;
        long end = offset + dst.remaining();
        while (pos < end) {
            Piece p = piece(pos, end);
            int n = (int) p.length();
            if (p.type() != ExtentType.DATA) {
                Reads.zeroFill(dst, n);
            } else if (p.compressed()) {
                long grainStart = pos - pos % grainBytes;
                inflateGrain(p.host(), (int) Math.min(grainBytes, size - grainStart));
                int from = (int) (pos % grainBytes);
                dst.put(grain, from, n);
            } else {
                ByteBuffer part = dst.slice().limit(n);
                source.readFully(p.host(), part);
                dst.position(dst.position() + n);
            }
            pos += n;
        }
    }

    /** Inflates the grain at {@code host}; it must yield at least {@code required} bytes (a last grain may be short). */
    private void inflateGrain(long host, int required) throws IOException {
        if (host == cachedGrain) {
            return;
        }
        cachedGrain = -1;
        long dataAt = host;
        long length;
        long maxCompressed = 2 * grainBytes + 4096;
        if (header.markers()) {
            ByteBuffer m = ByteBuffer.allocate(MARKER_HEADER).order(ByteOrder.LITTLE_ENDIAN);
            source.readFully(host, m);
            length = Integer.toUnsignedLong(m.getInt(8));
            dataAt = host + MARKER_HEADER;
            if (length == 0 || length > maxCompressed) {
                throw new ImageFormatException(source.name() + ": bad VMDK grain marker size " + length + " at " + host);
            }
        } else {
            length = Math.min(maxCompressed, fileSize - host);
        }
        if (dataAt > fileSize - length) {
            throw new ImageFormatException(source.name() + ": VMDK grain at " + host + " runs past the end of the file");
        }
        if (compressed.length < length) {
            compressed = new byte[(int) length];
        }
        if (grain.length == 0) {
            // Allocated on first use, so that a header claiming huge grains costs nothing until a grain is read.
            grain = new byte[(int) grainBytes];
        }
        source.readFully(dataAt, ByteBuffer.wrap(compressed, 0, (int) length));
        inflater.reset();
        inflater.setInput(compressed, 0, (int) length);
        int produced = 0;
        try {
            while (produced < grain.length) {
                int k = inflater.inflate(grain, produced, grain.length - produced);
                if (k == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                produced += k;
            }
        } catch (DataFormatException e) {
            throw new ImageFormatException(source.name() + ": corrupt VMDK grain at " + host + ": " + e.getMessage());
        }
        if (produced < required) {
            throw new ImageFormatException(source.name() + ": VMDK grain at " + host + " inflates to " + produced
                    + " bytes instead of " + required);
        }
        Arrays.fill(grain, produced, grain.length, (byte) 0);
        cachedGrain = host;
    }

    @Override
    public Iterator<Extent> extents(long offset, long length) throws IOException {
        Reads.checkRange(source.name(), offset, length, size);
        ExtentList out = new ExtentList();
        long pos = offset;
        long end = offset + length;
        while (pos < end) {
            Piece p = piece(pos, end);
            out.add(pos, p.length(), p.type());
            pos += p.length();
        }
        return out.iterator();
    }

    @Override
    public long actualSize() throws IOException {
        return io.skyfed.image.Allocation.allocatedBytes(source);
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
