package io.skyfed.image.vdi;

import io.skyfed.image.ImageWriter;
import io.skyfed.image.formatkit.TargetOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.UUID;

/**
 * Writes a VDI in qemu's layout (header, block map, data from the next sector) with 1 MiB blocks. A static image
 * maps block i to slot i, so everything is known up front and it streams; a dynamic one appends blocks as they are
 * first written and writes its map at {@link #finish} (a seekable file is needed).
 */
final class VdiWriter implements ImageWriter {

    static final int BLOCK_SIZE = 1 << 20;

    private final TargetOutput out;
    private final boolean isStatic;
    private final long diskSize;
    private final int[] map;
    private final long dataOffset;
    private final UUID imageId = UUID.randomUUID();
    private int allocated;

    VdiWriter(TargetOutput out, long virtualSize, boolean isStatic) throws IOException {
        this.out = out;
        this.isStatic = isStatic;
        this.diskSize = (virtualSize + 511) / 512 * 512;
        long blocks = (diskSize + BLOCK_SIZE - 1) / BLOCK_SIZE;
        if (blocks > 0x3FFF_FFFFL) {
            throw new IllegalArgumentException("vdi: " + virtualSize + " bytes is more than a VDI can hold");
        }
        this.map = new int[(int) blocks];
        this.dataOffset = VdiHeader.SIZE + (blocks * 4 + 511) / 512 * 512;
        if (isStatic) {
            for (int i = 0; i < map.length; i++) {
                map[i] = i;
            }
            allocated = map.length;
            writeMetadata();
        } else {
            Arrays.fill(map, VdiImage.UNALLOCATED);
        }
    }

    @Override
    public void write(long offset, ByteBuffer data) throws IOException {
        if (offset + data.remaining() > diskSize) {
            throw new IllegalArgumentException("write at " + offset + " ends past the disk (" + diskSize + ")");
        }
        if (isStatic) {
            out.write(dataOffset + offset, data);
            return;
        }
        long pos = offset;
        while (data.hasRemaining()) {
            int block = (int) (pos / BLOCK_SIZE);
            int inBlock = (int) (pos % BLOCK_SIZE);
            int n = Math.min(data.remaining(), BLOCK_SIZE - inBlock);
            if (map[block] == VdiImage.UNALLOCATED) {
                map[block] = allocated++;
            }
            out.writeAt(dataOffset + (long) map[block] * BLOCK_SIZE + inBlock, data.slice().limit(n));
            data.position(data.position() + n);
            pos += n;
        }
    }

    @Override
    public void finish() throws IOException {
        out.setLength(dataOffset + (long) allocated * BLOCK_SIZE);
        if (!isStatic) {
            writeMetadata();
        }
        out.flush();
    }

    private void writeMetadata() throws IOException {
        VdiHeader h = new VdiHeader(isStatic ? VdiHeader.STATIC : VdiHeader.DYNAMIC, VdiHeader.SIZE, dataOffset,
                diskSize, BLOCK_SIZE, 0, map.length, allocated, imageId, io.skyfed.image.formatkit.Guids.NIL);
        out.writeAt(0, h.encode());
        ByteBuffer table = ByteBuffer.allocate((int) (dataOffset - VdiHeader.SIZE)).order(ByteOrder.LITTLE_ENDIAN);
        table.asIntBuffer().put(map);
        out.writeAt(VdiHeader.SIZE, table);
    }

    @Override
    public long bytesWritten() {
        return out.bytesWritten();
    }

    @Override
    public void close() {
    }
}
