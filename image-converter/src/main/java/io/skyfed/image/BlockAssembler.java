package io.skyfed.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Turns the converter's ascending writes into whole blocks (qcow2 clusters, VMDK grains): runs of complete blocks
 * pass straight through, a partly written block is gathered (zero-filled) until writes move past it.
 */
public final class BlockAssembler {

    /** Receives whole blocks in ascending order: {@code data} holds one or more blocks starting at {@code firstBlock}. */
    @FunctionalInterface
    public interface Sink {
        void blocks(long firstBlock, ByteBuffer data) throws IOException;
    }

    private final int blockBits;
    private final int blockSize;
    private final long size;
    private final Sink sink;
    private final byte[] pending;
    private long pendingBlock = -1;
    private long lastBlock = -1;

    public BlockAssembler(int blockSize, long size, Sink sink) {
        if (Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("block size must be a power of two");
        }
        this.blockBits = Integer.numberOfTrailingZeros(blockSize);
        this.blockSize = blockSize;
        this.size = size;
        this.sink = sink;
        this.pending = new byte[blockSize];
    }

    public void write(long offset, ByteBuffer data) throws IOException {
        if (offset < 0 || data.remaining() > size - offset || (offset >>> blockBits) < lastBlock) {
            throw new IllegalArgumentException("write of " + data.remaining() + " bytes at " + offset
                    + " is out of order or past the end (" + size + ")");
        }
        long pos = offset;
        while (data.hasRemaining()) {
            long block = pos >>> blockBits;
            int intra = (int) (pos & (blockSize - 1));
            if (pendingBlock >= 0 && pendingBlock != block) {
                flush();
            }
            if (intra == 0 && pendingBlock < 0 && data.remaining() >= blockSize) {
                int bytes = data.remaining() & -blockSize;
                ByteBuffer run = data.slice(data.position(), bytes);
                data.position(data.position() + bytes);
                sink.blocks(block, run);
                pos += bytes;
                lastBlock = block + (bytes >>> blockBits) - 1;
            } else {
                if (pendingBlock < 0) {
                    pendingBlock = block;
                    Arrays.fill(pending, (byte) 0);
                }
                int k = Math.min(data.remaining(), blockSize - intra);
                data.get(pending, intra, k);
                pos += k;
                lastBlock = block;
            }
        }
    }

    /** Hands over the block still being gathered, if any; call before finishing the image. */
    public void flush() throws IOException {
        if (pendingBlock >= 0) {
            long block = pendingBlock;
            pendingBlock = -1;
            sink.blocks(block, ByteBuffer.wrap(pending));
        }
    }
}
