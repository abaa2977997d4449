package io.skyfed.image.vhdx;

import io.skyfed.image.ByteSource;
import io.skyfed.image.DiskImage;
import io.skyfed.image.Extent;
import io.skyfed.image.ExtentType;
import io.skyfed.image.ImageFormatException;
import io.skyfed.image.OpenOptions;
import io.skyfed.image.formatkit.BlockExtentIterator;
import io.skyfed.image.formatkit.ParentImages;
import io.skyfed.image.formatkit.ParentView;
import io.skyfed.image.formatkit.Regions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A VHDX opened for reading, its log replayed in memory when the header says one is pending. */
final class VhdxImage implements DiskImage {

    static final int NOT_PRESENT = 0;
    static final int UNDEFINED = 1;
    static final int ZERO = 2;
    static final int UNMAPPED = 3;
    static final int FULLY_PRESENT = 6;
    static final int PARTIALLY_PRESENT = 7;
    static final long MIB = 1 << 20;

    private final ByteSource source;
    private final VhdxHeader header;
    private final VhdxMetadata meta;
    private final long[] bat;
    private final long chunkRatio;
    private final ParentView parent;
    private final boolean logReplayed;
    /** The last sector bitmap block read; replaced whole, so concurrent readers see a consistent pair. */
    private volatile CachedBitmap cached = new CachedBitmap(-1, new byte[0]);

    private record CachedBitmap(long chunk, byte[] bits) {
    }

    private VhdxImage(ByteSource source, VhdxHeader header, VhdxMetadata meta, long[] bat, long chunkRatio,
                      ParentView parent, boolean logReplayed) {
        this.source = source;
        this.header = header;
        this.meta = meta;
        this.bat = bat;
        this.chunkRatio = chunkRatio;
        this.parent = parent;
        this.logReplayed = logReplayed;
    }

    static VhdxImage open(ByteSource file, OpenOptions options, VhdxFormat format) throws IOException {
        String name = file.name();
        ByteBuffer ident = Regions.read(file, 0, 8, 8, "VHDX file identifier", ByteOrder.LITTLE_ENDIAN);
        if (!Regions.hasSignature(ident, 0, "vhdxfile")) {
            throw new ImageFormatException(name + ": not a VHDX (no 'vhdxfile' identifier)");
        }
        VhdxHeader header = currentHeader(file);
        ByteSource source = file;
        boolean replayed = false;
        if (header.logPending()) {
            PatchedSource patched = VhdxLog.replay(file, header, options.maxMetadataBytes());
            replayed = !patched.isEmpty();
            source = patched;
        }
        VhdxRegionTable regions = regionTable(source);
        VhdxMetadata meta = VhdxMetadata.read(source, regions.metadataOffset(), regions.metadataLength());
        Regions.requireInside(source, regions.metadataOffset(), regions.metadataLength(), "VHDX metadata region");
        long chunkRatio = (1L << 23) * meta.logicalSectorSize() / meta.blockSize();
        long dataBlocks = (meta.virtualSize() + meta.blockSize() - 1) / meta.blockSize();
        long entries = meta.hasParent()
                ? (dataBlocks + chunkRatio - 1) / chunkRatio * (chunkRatio + 1)
                : dataBlocks + (dataBlocks == 0 ? 0 : (dataBlocks - 1) / chunkRatio);
        if (entries * 8 > regions.batLength()) {
            throw new ImageFormatException(name + ": VHDX BAT region (" + regions.batLength() + " bytes) is too small"
                    + " for " + entries + " entries");
        }
        ByteBuffer table = Regions.read(source, regions.batOffset(), entries * 8, options.maxMetadataBytes(),
                "VHDX block allocation table", ByteOrder.LITTLE_ENDIAN);
        long[] bat = new long[(int) entries];
        table.asLongBuffer().get(bat);
        checkBlocks(source, meta, regions, bat, chunkRatio);
        ParentView parent = new ParentView(null);
        if (meta.hasParent()) {
            DiskImage opened = ParentImages.open(file, parentCandidates(meta), format, options);
            String linkage = meta.parentLocator().getOrDefault("parent_linkage", "").replaceAll("[{}]", "");
            if (!linkage.equalsIgnoreCase(String.valueOf(opened.details().get("data-write-guid")))) {
                opened.close();
                throw new ImageFormatException(name + ": parent's data write GUID "
                        + opened.details().get("data-write-guid") + " is not the parent_linkage " + linkage);
            }
            parent = new ParentView(opened);
        }
        return new VhdxImage(source, header, meta, bat, chunkRatio, parent, replayed);
    }

    private static VhdxHeader currentHeader(ByteSource file) throws IOException {
        VhdxHeader best = null;
        for (long at : new long[] {VhdxHeader.FIRST_AT, VhdxHeader.SECOND_AT}) {
            VhdxHeader h = VhdxHeader.parseOrNull(Regions.read(file, at, VhdxHeader.SIZE, VhdxHeader.SIZE,
                    "VHDX header", ByteOrder.LITTLE_ENDIAN));
            if (h != null && (best == null || Long.compareUnsigned(h.sequence(), best.sequence()) > 0)) {
                best = h;
            }
        }
        if (best == null) {
            throw new ImageFormatException(file.name() + ": neither VHDX header is valid (signature or CRC-32C)");
        }
        return best;
    }

    private static VhdxRegionTable regionTable(ByteSource source) throws IOException {
        for (long at : new long[] {VhdxRegionTable.FIRST_AT, VhdxRegionTable.SECOND_AT}) {
            ByteBuffer buf = Regions.read(source, at, VhdxRegionTable.SIZE, VhdxRegionTable.SIZE,
                    "VHDX region table", ByteOrder.LITTLE_ENDIAN);
            if (VhdxRegionTable.valid(buf)) {
                return VhdxRegionTable.parse(buf, source.name());
            }
        }
        throw new ImageFormatException(source.name() + ": neither VHDX region table is valid (signature or CRC-32C)");
    }

    static boolean isBitmapEntry(long index, long chunkRatio) {
        return index % (chunkRatio + 1) == chunkRatio;
    }

    /** Every payload block and sector bitmap inside the file, clear of the metadata and of each other. */
    private static void checkBlocks(ByteSource source, VhdxMetadata meta, VhdxRegionTable regions, long[] bat,
                                    long chunkRatio) throws IOException {
        long[] starts = new long[bat.length];
        long[] lengths = new long[bat.length];
        int n = 0;
        for (int i = 0; i < bat.length; i++) {
            int state = (int) (bat[i] & 7);
            boolean bitmap = isBitmapEntry(i, chunkRatio);
            long offset = (bat[i] >>> 20) * MIB;
            boolean present;
            if (bitmap) {
                if (state != NOT_PRESENT && state != FULLY_PRESENT) {
                    throw new ImageFormatException(source.name() + ": VHDX sector bitmap entry " + i
                            + " has invalid state " + state);
                }
                present = state == FULLY_PRESENT;
            } else {
                switch (state) {
                    case NOT_PRESENT, UNDEFINED, ZERO, UNMAPPED -> present = false;
                    case FULLY_PRESENT -> present = true;
                    case PARTIALLY_PRESENT -> {
                        if (!meta.hasParent()) {
                            throw new ImageFormatException(source.name() + ": VHDX block " + i
                                    + " is partially present in a disk without a parent");
                        }
                        present = true;
                    }
                    default -> throw new ImageFormatException(source.name() + ": VHDX block " + i
                            + " has invalid state " + state);
                }
            }
            if (!present) {
                continue;
            }
            long length = bitmap ? MIB : meta.blockSize();
            if (offset < MIB) {
                throw new ImageFormatException(source.name() + ": VHDX block " + i + " lies in the header area");
            }
            Regions.requireInside(source, offset, length, "VHDX block " + i);
            if (offset < regions.batOffset() + regions.batLength() && regions.batOffset() < offset + length
                    || offset < regions.metadataOffset() + regions.metadataLength()
                    && regions.metadataOffset() < offset + length) {
                throw new ImageFormatException(source.name() + ": VHDX block " + i + " at " + offset
                        + " overlaps the BAT or metadata region");
            }
            starts[n] = offset;
            lengths[n++] = length;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(starts[a], starts[b]));
        for (int i = 1; i < n; i++) {
            if (starts[order[i - 1]] + lengths[order[i - 1]] > starts[order[i]]) {
                throw new ImageFormatException(source.name() + ": VHDX blocks at " + starts[order[i - 1]] + " and "
                        + starts[order[i]] + " overlap");
            }
        }
    }

    private static List<String> parentCandidates(VhdxMetadata meta) {
        List<String> out = new ArrayList<>();
        for (String key : List.of("relative_path", "absolute_win32_path", "volume_path")) {
            String v = meta.parentLocator().get(key);
            if (v != null && !v.isEmpty()) {
                out.add(v);
            }
        }
        return out;
    }

    @Override
    public String format() {
        return VhdxFormat.NAME;
    }

    @Override
    public long virtualSize() {
        return meta.virtualSize();
    }

    private long entry(long block) {
        return bat[(int) (block + block / chunkRatio)];
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        Regions.requireInDisk(source.name(), offset, dst.remaining(), meta.virtualSize());
        long blockSize = meta.blockSize();
        long pos = offset;
        while (dst.hasRemaining()) {
            long block = pos / blockSize;
            long inBlock = pos % blockSize;
            int n = (int) Math.min(dst.remaining(), blockSize - inBlock);
            ByteBuffer part = dst.slice().limit(n);
            long e = entry(block);
            long fileOffset = (e >>> 20) * MIB;
            switch ((int) (e & 7)) {
                case FULLY_PRESENT -> source.readFully(fileOffset + inBlock, part);
                case PARTIALLY_PRESENT -> readPartial(block, fileOffset, pos, part);
                case NOT_PRESENT -> parent.read(pos, part);
                default -> ParentView.zero(part);
            }
            dst.position(dst.position() + n);
            pos += n;
        }
    }

    private void readPartial(long block, long fileOffset, long pos, ByteBuffer part) throws IOException {
        long blockStart = block * meta.blockSize();
        int sector = meta.logicalSectorSize();
        long end = pos + part.remaining();
        while (pos < end) {
            boolean here = present(block, (pos - blockStart) / sector);
            long runEnd = pos;
            while (runEnd < end && present(block, (runEnd - blockStart) / sector) == here) {
                runEnd = Math.min(end, (runEnd / sector + 1) * sector);
            }
            ByteBuffer run = part.slice().limit((int) (runEnd - pos));
            if (here) {
                source.readFully(fileOffset + pos - blockStart, run);
            } else {
                parent.read(pos, run);
            }
            part.position(part.position() + (int) (runEnd - pos));
            pos = runEnd;
        }
    }

    /** Whether sector {@code sectorInBlock} of a partially present block is stored in this file. */
    private boolean present(long block, long sectorInBlock) throws IOException {
        long chunk = block / chunkRatio;
        long bitmapEntry = bat[(int) (chunk * (chunkRatio + 1) + chunkRatio)];
        if ((bitmapEntry & 7) != FULLY_PRESENT) {
            return false;
        }
        CachedBitmap c = cached;
        if (c.chunk() != chunk) {
            ByteBuffer buf = ByteBuffer.allocate((int) MIB);
            source.readFully((bitmapEntry >>> 20) * MIB, buf);
            c = new CachedBitmap(chunk, buf.array());
            cached = c;
        }
        long bit = (block % chunkRatio) * (meta.blockSize() / meta.logicalSectorSize()) + sectorInBlock;
        return (c.bits()[(int) (bit >>> 3)] & (1 << (bit & 7))) != 0;
    }

    @Override
    public Iterator<Extent> extents(long offset, long length) throws IOException {
        Regions.requireInDisk(source.name(), offset, length, meta.virtualSize());
        return new BlockExtentIterator(meta.blockSize(), offset, length) {
            @Override
            protected void describe(long block, long from, long to) throws IOException {
                switch ((int) (entry(block) & 7)) {
                    case FULLY_PRESENT -> emit(from, to - from, ExtentType.DATA);
                    case PARTIALLY_PRESENT -> describePartial(block, from, to, this::emit);
                    case NOT_PRESENT -> parent.extents(from, to, this::emit);
                    default -> emit(from, to - from, ExtentType.ZERO);
                }
            }
        };
    }

    private void describePartial(long block, long from, long to, ParentView.ExtentSink sink) throws IOException {
        long blockStart = block * meta.blockSize();
        int sector = meta.logicalSectorSize();
        long pos = from;
        while (pos < to) {
            boolean here = present(block, (pos - blockStart) / sector);
            long end = pos;
            while (end < to && present(block, (end - blockStart) / sector) == here) {
                end = Math.min(to, (end / sector + 1) * sector);
            }
            if (here) {
                sink.emit(pos, end - pos, ExtentType.DATA);
            } else {
                parent.extents(pos, end, sink);
            }
            pos = end;
        }
    }

    @Override
    public long actualSize() throws IOException {
        return source.size();
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("subformat", meta.hasParent() ? "differencing" : meta.leaveBlocksAllocated() ? "fixed" : "dynamic");
        d.put("block-size", meta.blockSize());
        d.put("logical-sector-size", meta.logicalSectorSize());
        d.put("physical-sector-size", meta.physicalSectorSize());
        d.put("disk-id", meta.diskId().toString());
        d.put("data-write-guid", header.dataWriteGuid().toString());
        d.put("log-replayed", logReplayed);
        return d;
    }

    @Override
    public void close() throws IOException {
        parent.close();
    }
}
