package io.skyfed.image.vhd;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A VHD opened for reading: fixed, dynamic, or differencing over a parent the caller allowed. */
final class VhdImage implements DiskImage {

    /** qemu's limit: 2040 GiB. */
    static final long MAX_SECTORS = 0xFF00_0000L;
    private static final int UNUSED = 0xFFFF_FFFF;
    private static final int MAX_BLOCK_SIZE = 256 << 20;
    private static final int MAX_LOCATOR_BYTES = 64 << 10;

    private final ByteSource source;
    private final VhdFooter footer;
    private final long virtualSize;
    private final VhdDynamicHeader dynamic;
    private final int[] bat;
    private final int bitmapSize;
    private final ParentView parent;
    /** The last sector bitmap read; replaced whole, so concurrent readers see a consistent pair. */
    private volatile CachedBitmap cached = new CachedBitmap(-1, new byte[0]);

    private record CachedBitmap(long block, byte[] bits) {
    }

    private VhdImage(ByteSource source, VhdFooter footer, long virtualSize, VhdDynamicHeader dynamic, int[] bat,
                     ParentView parent) {
        this.source = source;
        this.footer = footer;
        this.virtualSize = virtualSize;
        this.dynamic = dynamic;
        this.bat = bat;
        this.bitmapSize = dynamic == null ? 0 : bitmapBytes(dynamic.blockSize());
        this.parent = parent;
    }

    static int bitmapBytes(int blockSize) {
        int bits = blockSize / 512;
        return ((bits + 7) / 8 + 511) / 512 * 512;
    }

    static VhdFooter readFooter(ByteSource source) throws IOException {
        long size = source.size();
        if (size < VhdFooter.SIZE) {
            throw new ImageFormatException(source.name() + ": " + size + " bytes is too small for a VHD footer");
        }
        ByteBuffer tail = Regions.read(source, size - VhdFooter.SIZE, VhdFooter.SIZE, VhdFooter.SIZE,
                "VHD footer", ByteOrder.BIG_ENDIAN);
        if (VhdFooter.hasCookie(tail) && VhdFooter.checksumMatches(tail)) {
            return VhdFooter.parse(tail, source.name());
        }
        ByteBuffer head = Regions.read(source, 0, VhdFooter.SIZE, VhdFooter.SIZE, "VHD footer copy",
                ByteOrder.BIG_ENDIAN);
        if (VhdFooter.hasCookie(head)) {
            VhdFooter copy = VhdFooter.parse(head, source.name() + " (footer copy at offset 0)");
            if (copy.diskType() != VhdFooter.FIXED) {
                return copy;
            }
        }
        return VhdFooter.parse(tail, source.name());
    }

    static VhdImage open(ByteSource source, OpenOptions options, VhdFormat format) throws IOException {
        String name = source.name();
        VhdFooter footer = readFooter(source);
        long virtualSize = footer.virtualSize();
        if (virtualSize / 512 > MAX_SECTORS) {
            throw new ImageFormatException(name + ": VHD virtual size " + virtualSize + " exceeds 2040 GiB");
        }
        if (footer.diskType() == VhdFooter.FIXED) {
            Regions.requireInside(source, 0, virtualSize, "VHD fixed disk data");
            return new VhdImage(source, footer, virtualSize, null, null, new ParentView(null));
        }
        Regions.requireInside(source, footer.dataOffset(), VhdDynamicHeader.SIZE, "VHD dynamic header");
        VhdDynamicHeader dyn = VhdDynamicHeader.parse(Regions.read(source, footer.dataOffset(), VhdDynamicHeader.SIZE,
                VhdDynamicHeader.SIZE, "VHD dynamic header", ByteOrder.BIG_ENDIAN), name);
        int blockSize = dyn.blockSize();
        if (blockSize < 512 || blockSize > MAX_BLOCK_SIZE || Integer.bitCount(blockSize) != 1) {
            throw new ImageFormatException(name + ": invalid VHD block size " + Integer.toUnsignedString(blockSize));
        }
        long entries = Integer.toUnsignedLong(dyn.maxTableEntries());
        long needed = (virtualSize + blockSize - 1) / blockSize;
        if (entries < needed) {
            throw new ImageFormatException(name + ": VHD block table has " + entries + " entries, too few for "
                    + virtualSize + " bytes");
        }
        ByteBuffer table = Regions.read(source, dyn.tableOffset(), needed * 4, options.maxMetadataBytes(),
                "VHD block allocation table", ByteOrder.BIG_ENDIAN);
        int[] bat = new int[(int) needed];
        table.asIntBuffer().get(bat);
        checkBlocks(source, footer, dyn, bat, virtualSize);
        ParentView parent = new ParentView(null);
        if (footer.diskType() == VhdFooter.DIFFERENCING) {
            DiskImage opened = ParentImages.open(source, parentCandidates(source, dyn, options), format, options);
            Object parentId = opened.details().get("uuid");
            if (!dyn.parentId().toString().equals(parentId)) {
                opened.close();
                throw new ImageFormatException(name + ": parent image's unique id " + parentId
                        + " is not the one the differencing disk expects (" + dyn.parentId() + ")");
            }
            parent = new ParentView(opened);
        }
        return new VhdImage(source, footer, virtualSize, dyn, bat, parent);
    }

    /** Every present block inside the file, clear of the metadata and of every other block. */
    private static void checkBlocks(ByteSource source, VhdFooter footer, VhdDynamicHeader dyn, int[] bat,
                                    long virtualSize) throws IOException {
        long blockSize = dyn.blockSize();
        long span = bitmapBytes(dyn.blockSize()) + blockSize;
        long[] starts = new long[bat.length];
        int n = 0;
        for (int i = 0; i < bat.length; i++) {
            if (bat[i] == UNUSED) {
                continue;
            }
            long start = Integer.toUnsignedLong(bat[i]) * 512;
            long dataInBlock = Math.min(blockSize, virtualSize - i * blockSize);
            Regions.requireInside(source, start, bitmapBytes(dyn.blockSize()) + dataInBlock, "VHD block " + i);
            if (overlaps(start, span, footer.dataOffset(), VhdDynamicHeader.SIZE)
                    || overlaps(start, span, dyn.tableOffset(), bat.length * 4L)) {
                throw new ImageFormatException(source.name() + ": VHD block " + i + " at offset " + start
                        + " overlaps the disk's metadata");
            }
            starts[n++] = start;
        }
        long[] sorted = Arrays.copyOf(starts, n);
        Arrays.sort(sorted);
        for (int i = 1; i < n; i++) {
            if (sorted[i] - sorted[i - 1] < span) {
                throw new ImageFormatException(source.name() + ": VHD blocks at offsets " + sorted[i - 1] + " and "
                        + sorted[i] + " overlap");
            }
        }
    }

    private static boolean overlaps(long a, long aLength, long b, long bLength) {
        return a < b + bLength && b < a + aLength;
    }

    /** Parent paths from the locators, relative ones first, then the bare parent name beside the child. */
    private static List<String> parentCandidates(ByteSource source, VhdDynamicHeader dyn, OpenOptions options)
            throws IOException {
        List<String> relative = new ArrayList<>();
        List<String> absolute = new ArrayList<>();
        for (VhdDynamicHeader.ParentLocator loc : dyn.locators()) {
            if (loc.dataLength() <= 0 || loc.dataLength() > MAX_LOCATOR_BYTES) {
                continue;
            }
            ByteBuffer raw = Regions.read(source, loc.dataOffset(), loc.dataLength(), options.maxMetadataBytes(),
                    "VHD parent locator", ByteOrder.BIG_ENDIAN);
            byte[] bytes = new byte[raw.remaining()];
            raw.get(bytes);
            switch (loc.platform()) {
                case "W2ru" -> relative.add(new String(bytes, StandardCharsets.UTF_16LE));
                case "W2ku" -> absolute.add(new String(bytes, StandardCharsets.UTF_16LE));
                case "MacX" -> absolute.add(new String(bytes, StandardCharsets.UTF_8).replaceFirst("^file://", ""));
                default -> {
                }
            }
        }
        List<String> all = new ArrayList<>(relative);
        all.addAll(absolute);
        if (!dyn.parentName().isEmpty()) {
            all.add(dyn.parentName());
        }
        return all.stream().map(s -> s.replace("\0", "")).distinct().toList();
    }

    @Override
    public String format() {
        return VhdFormat.NAME;
    }

    @Override
    public long virtualSize() {
        return virtualSize;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        Regions.requireInDisk(source.name(), offset, dst.remaining(), virtualSize);
        if (dynamic == null) {
            source.readFully(offset, dst);
            return;
        }
        long blockSize = dynamic.blockSize();
        long pos = offset;
        while (dst.hasRemaining()) {
            int index = (int) (pos / blockSize);
            long inBlock = pos % blockSize;
            int n = (int) Math.min(dst.remaining(), blockSize - inBlock);
            ByteBuffer part = dst.slice().limit(n);
            readBlock(index, inBlock, part);
            dst.position(dst.position() + n);
            pos += n;
        }
    }

    private void readBlock(int index, long inBlock, ByteBuffer part) throws IOException {
        long base = blockData(index);
        if (base < 0) {
            readUnallocated(index * (long) dynamic.blockSize() + inBlock, part);
            return;
        }
        if (!parent.present()) {
            source.readFully(base + inBlock, part);
            return;
        }
        byte[] bitmap = bitmap(index);
        long blockStart = index * (long) dynamic.blockSize();
        long pos = inBlock;
        long end = inBlock + part.remaining();
        while (pos < end) {
            boolean here = bitSet(bitmap, pos / 512);
            long runEnd = pos;
            while (runEnd < end && bitSet(bitmap, runEnd / 512) == here) {
                runEnd = Math.min(end, (runEnd / 512 + 1) * 512);
            }
            ByteBuffer run = part.slice().limit((int) (runEnd - pos));
            if (here) {
                source.readFully(base + pos, run);
            } else {
                parent.read(blockStart + pos, run);
            }
            part.position(part.position() + (int) (runEnd - pos));
            pos = runEnd;
        }
    }

    private void readUnallocated(long offset, ByteBuffer dst) throws IOException {
        if (parent.present()) {
            parent.read(offset, dst);
        } else {
            ParentView.zero(dst);
        }
    }

    /** File offset of block {@code index}'s data, or -1 when the block is not present. */
    private long blockData(int index) {
        int entry = bat[index];
        return entry == UNUSED ? -1 : Integer.toUnsignedLong(entry) * 512 + bitmapSize;
    }

    private byte[] bitmap(int index) throws IOException {
        CachedBitmap c = cached;
        if (c.block() != index) {
            ByteBuffer buf = ByteBuffer.allocate(bitmapSize);
            source.readFully(blockData(index) - bitmapSize, buf);
            c = new CachedBitmap(index, buf.array());
            cached = c;
        }
        return c.bits();
    }

    private static boolean bitSet(byte[] bitmap, long sector) {
        return (bitmap[(int) (sector >>> 3)] & (0x80 >>> (sector & 7))) != 0;
    }

    @Override
    public Iterator<Extent> extents(long offset, long length) throws IOException {
        Regions.requireInDisk(source.name(), offset, length, virtualSize);
        if (dynamic == null) {
            return length == 0 ? List.<Extent>of().iterator() : List.of(new Extent(offset, length, ExtentType.DATA)).iterator();
        }
        long blockSize = dynamic.blockSize();
        return new BlockExtentIterator(blockSize, offset, length) {
            @Override
            protected void describe(long index, long from, long to) throws IOException {
                if (bat[(int) index] == UNUSED) {
                    parent.extents(from, to, this::emit);
                } else if (!parent.present()) {
                    emit(from, to - from, ExtentType.DATA);
                } else {
                    describeDifferencing((int) index, from, to, this::emit);
                }
            }
        };
    }

    private void describeDifferencing(int index, long from, long to, ParentView.ExtentSink sink) throws IOException {
        byte[] bitmap = bitmap(index);
        long blockStart = index * (long) dynamic.blockSize();
        long pos = from;
        while (pos < to) {
            long sector = (pos - blockStart) / 512;
            boolean here = bitSet(bitmap, sector);
            long end = pos;
            while (end < to && bitSet(bitmap, (end - blockStart) / 512) == here) {
                end = Math.min(to, blockStart + ((end - blockStart) / 512 + 1) * 512);
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
        d.put("subformat", switch (footer.diskType()) {
            case VhdFooter.FIXED -> "fixed";
            case VhdFooter.DYNAMIC -> "dynamic";
            default -> "differencing";
        });
        d.put("creator", footer.creatorApp().replace("\0", ""));
        d.put("current-size", footer.currentSize());
        d.put("chs", footer.geometry().cylinders() + "/" + footer.geometry().heads() + "/"
                + footer.geometry().sectorsPerTrack());
        d.put("uuid", footer.uniqueId().toString());
        if (dynamic != null) {
            d.put("block-size", dynamic.blockSize());
        }
        return d;
    }

    @Override
    public void close() throws IOException {
        parent.close();
    }
}
