package io.skyfed.image.vhd;

import io.skyfed.image.ImageWriter;
import io.skyfed.image.formatkit.TargetOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Writes a dynamic VHD as qemu lays it out: footer copy, dynamic header, block table, then 2 MiB blocks (each a
 * sector bitmap, all ones, and the data) in the order they are written; the tables and footer at {@link #finish}.
 */
final class VhdDynamicWriter implements ImageWriter {

    static final int BLOCK_SIZE = 2 << 20;
    private static final long HEADER_AT = 512;
    private static final long TABLE_AT = HEADER_AT + VhdDynamicHeader.SIZE;

    private final TargetOutput out;
    private final VhdLayout layout;
    private final int[] bat;
    private final int bitmapSize = VhdImage.bitmapBytes(BLOCK_SIZE);
    private final ByteBuffer bitmap;
    private long nextBlock;

    VhdDynamicWriter(TargetOutput out, VhdLayout layout) {
        this.out = out;
        this.layout = layout;
        this.bat = new int[(int) ((layout.currentSize() + BLOCK_SIZE - 1) / BLOCK_SIZE)];
        Arrays.fill(bat, -1);
        this.nextBlock = TABLE_AT + ((bat.length * 4L + 511) / 512 * 512);
        byte[] ones = new byte[bitmapSize];
        Arrays.fill(ones, (byte) 0xFF);
        this.bitmap = ByteBuffer.wrap(ones).asReadOnlyBuffer();
    }

    @Override
    public void write(long offset, ByteBuffer data) throws IOException {
        if (offset + data.remaining() > layout.currentSize()) {
            throw new IllegalArgumentException("write at " + offset + " ends past the disk (" + layout.currentSize() + ")");
        }
        long pos = offset;
        while (data.hasRemaining()) {
            int index = (int) (pos / BLOCK_SIZE);
            int inBlock = (int) (pos % BLOCK_SIZE);
            int n = Math.min(data.remaining(), BLOCK_SIZE - inBlock);
            if (bat[index] == -1) {
                bat[index] = (int) (nextBlock / 512);
                out.writeAt(nextBlock, bitmap.duplicate());
                nextBlock += bitmapSize + BLOCK_SIZE;
            }
            long fileOffset = Integer.toUnsignedLong(bat[index]) * 512 + bitmapSize + inBlock;
            out.writeAt(fileOffset, data.slice().limit(n));
            data.position(data.position() + n);
            pos += n;
        }
    }

    @Override
    public void finish() throws IOException {
        out.setLength(nextBlock);
        ByteBuffer footer = layout.footer(HEADER_AT).encode();
        out.writeAt(nextBlock, footer.duplicate());
        out.writeAt(0, footer.duplicate());
        out.writeAt(HEADER_AT, VhdDynamicHeader.encodeDynamic(TABLE_AT, bat.length, BLOCK_SIZE));
        ByteBuffer table = ByteBuffer.allocate((int) ((bat.length * 4L + 511) / 512 * 512)).order(ByteOrder.BIG_ENDIAN);
        Arrays.fill(table.array(), (byte) 0xFF);
        table.asIntBuffer().put(bat);
        out.writeAt(TABLE_AT, table);
    }

    @Override
    public long bytesWritten() {
        return out.bytesWritten();
    }

    @Override
    public void close() {
    }
}
