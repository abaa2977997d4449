package io.skyfed.image.vdi;

import io.skyfed.image.ByteSource;
import io.skyfed.image.DiskImage;
import io.skyfed.image.Extent;
import io.skyfed.image.ExtentType;
import io.skyfed.image.ImageFormatException;
import io.skyfed.image.OpenOptions;
import io.skyfed.image.formatkit.BlockExtentIterator;
import io.skyfed.image.formatkit.Guids;
import io.skyfed.image.formatkit.ParentView;
import io.skyfed.image.formatkit.Regions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** A VirtualBox VDI opened for reading: static or dynamic; differencing images are refused. */
final class VdiImage implements DiskImage {

    static final int UNALLOCATED = 0xFFFF_FFFF;
    static final int ZERO = 0xFFFF_FFFE;
    private static final long MAX_BLOCK_SIZE = 256L << 20;
    private static final long MAX_EXTRA = 1L << 20;

    private final ByteSource source;
    private final VdiHeader header;
    private final int[] map;
    private final long virtualSize;

    private VdiImage(ByteSource source, VdiHeader header, int[] map, long virtualSize) {
        this.source = source;
        this.header = header;
        this.map = map;
        this.virtualSize = virtualSize;
    }

    static VdiImage open(ByteSource source, OpenOptions options) throws IOException {
        String name = source.name();
        VdiHeader h = VdiHeader.parse(Regions.read(source, 0, VdiHeader.SIZE, VdiHeader.SIZE, "VDI header",
                ByteOrder.LITTLE_ENDIAN), name);
        if (h.imageType() != VdiHeader.DYNAMIC && h.imageType() != VdiHeader.STATIC) {
            throw new ImageFormatException(name + ": VDI image type " + h.imageType()
                    + " (undo or differencing) is not supported");
        }
        if (!h.parentId().equals(Guids.NIL)) {
            throw new ImageFormatException(name + ": VDI refers to a parent image, which is not supported");
        }
        long blockSize = Integer.toUnsignedLong(h.blockSize());
        long extra = Integer.toUnsignedLong(h.blockExtra());
        if (blockSize < 512 || blockSize > MAX_BLOCK_SIZE || blockSize % 512 != 0 || extra > MAX_EXTRA
                || extra % 512 != 0) {
            throw new ImageFormatException(name + ": VDI block size " + blockSize + " (+" + extra
                    + " extra) is not supported");
        }
        if (h.blockMapOffset() % 512 != 0 || h.dataOffset() % 512 != 0 || h.blockMapOffset() < VdiHeader.SIZE) {
            throw new ImageFormatException(name + ": VDI block map or data offset is not sector aligned");
        }
        long virtualSize = h.diskSize();
        if (virtualSize < 0 || (virtualSize + blockSize - 1) / blockSize > h.blocks()) {
            throw new ImageFormatException(name + ": VDI disk size " + virtualSize + " needs more than its "
                    + h.blocks() + " blocks");
        }
        virtualSize = (virtualSize + 511) / 512 * 512;
        ByteBuffer table = Regions.read(source, h.blockMapOffset(), h.blocks() * 4, options.maxMetadataBytes(),
                "VDI block map", ByteOrder.LITTLE_ENDIAN);
        int[] map = new int[(int) h.blocks()];
        table.asIntBuffer().get(map);
        if (h.blockMapOffset() + h.blocks() * 4 > h.dataOffset()) {
            throw new ImageFormatException(name + ": VDI block map overlaps the data area");
        }
        checkBlocks(source, h, map, blockSize + extra);
        return new VdiImage(source, h, map, virtualSize);
    }

    /** Every allocated block inside the file, and no two blocks sharing a slot of the data area. */
    private static void checkBlocks(ByteSource source, VdiHeader h, int[] map, long slot) throws IOException {
        int[] used = new int[map.length];
        int n = 0;
        long fileSize = source.size();
        for (int i = 0; i < map.length; i++) {
            if (map[i] == UNALLOCATED || map[i] == ZERO) {
                continue;
            }
            long index = Integer.toUnsignedLong(map[i]);
            if (index >= map.length) {
                throw new ImageFormatException(source.name() + ": VDI block " + i + " points to data slot " + index
                        + " beyond the " + map.length + " blocks of the image");
            }
            long end = h.dataOffset() + (index + 1) * slot;
            if (end > fileSize && h.imageType() == VdiHeader.DYNAMIC) {
                throw new java.io.EOFException(source.name() + ": VDI block " + i + " (slot " + index
                        + ") lies past the end of the file");
            }
            used[n++] = map[i];
        }
        int[] sorted = Arrays.copyOf(used, n);
        Arrays.sort(sorted);
        for (int i = 1; i < n; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new ImageFormatException(source.name() + ": two VDI blocks share data slot " + sorted[i]);
            }
        }
    }

    @Override
    public String format() {
        return VdiFormat.NAME;
    }

    @Override
    public long virtualSize() {
        return virtualSize;
    }

    /** File offset of block {@code index}, or -1 when it is not stored. */
    private long blockAt(long index) {
        int e = map[(int) index];
        if (e == UNALLOCATED || e == ZERO) {
            return -1;
        }
        long slot = Integer.toUnsignedLong(header.blockSize()) + Integer.toUnsignedLong(header.blockExtra());
        return header.dataOffset() + Integer.toUnsignedLong(e) * slot + Integer.toUnsignedLong(header.blockExtra());
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        Regions.requireInDisk(source.name(), offset, dst.remaining(), virtualSize);
        long blockSize = Integer.toUnsignedLong(header.blockSize());
        long pos = offset;
        while (dst.hasRemaining()) {
            long block = pos / blockSize;
            long inBlock = pos % blockSize;
            int n = (int) Math.min(dst.remaining(), blockSize - inBlock);
            ByteBuffer part = dst.slice().limit(n);
            long at = blockAt(block);
            if (at < 0) {
                ParentView.zero(part);
            } else {
                readStored(at + inBlock, part);
            }
            dst.position(dst.position() + n);
            pos += n;
        }
    }

    /** A static image made by qemu is a sparse file that may end before its last blocks: past the end is zero. */
    private void readStored(long at, ByteBuffer part) throws IOException {
        long size = source.size();
        if (at < size) {
            int n = (int) Math.min(part.remaining(), size - at);
            ByteBuffer head = part.slice().limit(n);
            source.readFully(at, head);
            part.position(part.position() + n);
        }
        ParentView.zero(part);
    }

    @Override
    public Iterator<Extent> extents(long offset, long length) throws IOException {
        Regions.requireInDisk(source.name(), offset, length, virtualSize);
        return new BlockExtentIterator(Integer.toUnsignedLong(header.blockSize()), offset, length) {
            @Override
            protected void describe(long index, long from, long to) {
                int e = map[(int) index];
                emit(from, to - from, e == UNALLOCATED ? ExtentType.UNALLOCATED
                        : e == ZERO ? ExtentType.ZERO : ExtentType.DATA);
            }
        };
    }

    @Override
    public long actualSize() throws IOException {
        return source.size();
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("subformat", header.imageType() == VdiHeader.STATIC ? "static" : "dynamic");
        d.put("block-size", Integer.toUnsignedLong(header.blockSize()));
        d.put("uuid", header.imageId().toString());
        return d;
    }

    @Override
    public void close() {
    }
}
