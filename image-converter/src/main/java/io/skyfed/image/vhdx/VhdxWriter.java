package io.skyfed.image.vhdx;

import io.skyfed.image.ImageWriter;
import io.skyfed.image.formatkit.TargetOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes a VHDX. A fixed disk has every block in place from the start, so all metadata goes first and the data
 * follows front to back (a stream will do); a dynamic disk appends blocks as they are first written and writes its
 * tables at {@link #finish} (a seekable file is needed).
 */
final class VhdxWriter implements ImageWriter {

    private final TargetOutput out;
    private final VhdxLayout layout;
    private final long[] bat;
    private long nextBlock;

    VhdxWriter(TargetOutput out, VhdxLayout layout) throws IOException {
        this.out = out;
        this.layout = layout;
        this.bat = new long[(int) layout.entryCount()];
        this.nextBlock = layout.payloadOffset();
        if (layout.fixed()) {
            for (long b = 0; b < layout.dataBlocks(); b++) {
                bat[(int) layout.batIndex(b)] = entry(VhdxImage.FULLY_PRESENT,
                        layout.payloadOffset() + b * layout.blockSize());
            }
            nextBlock = layout.payloadOffset() + layout.dataBlocks() * layout.blockSize();
            writeMetadata();
        } else if (layout.blockStateZero()) {
            for (long b = 0; b < layout.dataBlocks(); b++) {
                bat[(int) layout.batIndex(b)] = VhdxImage.ZERO;
            }
        }
    }

    private static long entry(int state, long offset) {
        return (offset / VhdxLayout.MIB) << 20 | state;
    }

    @Override
    public void write(long offset, ByteBuffer data) throws IOException {
        if (offset + data.remaining() > layout.virtualSize()) {
            throw new IllegalArgumentException("write at " + offset + " ends past the disk (" + layout.virtualSize() + ")");
        }
        if (layout.fixed()) {
            out.write(layout.payloadOffset() + offset, data);
            return;
        }
        long pos = offset;
        while (data.hasRemaining()) {
            long block = pos / layout.blockSize();
            long inBlock = pos % layout.blockSize();
            int n = (int) Math.min(data.remaining(), layout.blockSize() - inBlock);
            int index = (int) layout.batIndex(block);
            if ((bat[index] & 7) != VhdxImage.FULLY_PRESENT) {
                bat[index] = entry(VhdxImage.FULLY_PRESENT, nextBlock);
                nextBlock += layout.blockSize();
            }
            out.writeAt((bat[index] >>> 20) * VhdxLayout.MIB + inBlock, data.slice().limit(n));
            data.position(data.position() + n);
            pos += n;
        }
    }

    @Override
    public void finish() throws IOException {
        if (layout.fixed()) {
            out.setLength(nextBlock);
        } else {
            out.setLength(nextBlock);
            writeMetadata();
        }
        out.flush();
    }

    /** Identifier, headers, region tables, an empty log, metadata and BAT, in file order. */
    private void writeMetadata() throws IOException {
        out.writeAt(0, layout.headerArea());
        out.zeroFill(layout.metadataOffset());
        out.writeAt(layout.metadataOffset(), layout.metadata());
        // Only the entries are written: the rest of the region up to the payload stays zero (a hole in a file,
        // zeros on a stream), so an empty disk's large BAT region costs no memory.
        ByteBuffer table = ByteBuffer.allocate(bat.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        table.asLongBuffer().put(bat);
        out.writeAt(layout.batOffset(), table);
        out.zeroFill(layout.payloadOffset());
    }

    @Override
    public long bytesWritten() {
        return out.bytesWritten();
    }

    @Override
    public void close() {
    }
}
