package io.skyfed.image.vmdk;

import io.skyfed.image.BlockAssembler;
import io.skyfed.image.ImageWriter;
import io.skyfed.image.formatkit.FileWrites;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a hosted monolithicSparse VMDK: header, embedded descriptor, grain directory and all grain tables
 * reserved up front (as VMware and qemu lay them out, so the disk stays writable by them), then plain grains in
 * ascending order. Grain tables are written when their range is complete; reserved space never written stays a hole.
 */
final class MonolithicSparseWriter implements ImageWriter {

    private static final long GRAIN_SECTORS = 128;
    private static final int GRAIN = (int) GRAIN_SECTORS * 512;
    private static final int GT_ENTRIES = 512;
    private static final long DESCRIPTOR_SECTORS = 20;
    private static final long GT_SECTORS = GT_ENTRIES * 4 / 512;
    private static final long MAX_SECTOR = 0xffffffffL;

    private final FileChannel channel;
    private final long capacity;
    private final VmdkWriteOptions options;
    private final BlockAssembler blocks;
    private final long gdSector;
    private final long gtSector;
    private final long overHead;
    private final long gdEntries;
    private final int[] gt = new int[GT_ENTRIES];
    private int currentGt = -1;
    private boolean gtUsed;
    private long nextGrainSector;

    MonolithicSparseWriter(FileChannel channel, long size, VmdkWriteOptions options) {
        if (size == 0) {
            throw new IllegalArgumentException("vmdk cannot hold a zero-capacity disk");
        }
        this.channel = channel;
        this.capacity = (size + 511) / 512;
        this.options = options;
        this.gdEntries = (capacity + GRAIN_SECTORS * GT_ENTRIES - 1) / (GRAIN_SECTORS * GT_ENTRIES);
        this.gdSector = 1 + DESCRIPTOR_SECTORS;
        long gdSectors = (gdEntries * 4 + 511) / 512;
        this.gtSector = gdSector + gdSectors;
        this.overHead = (gtSector + gdEntries * GT_SECTORS + GRAIN_SECTORS - 1) / GRAIN_SECTORS * GRAIN_SECTORS;
        if (overHead > MAX_SECTOR) {
            throw new IllegalArgumentException("vmdk: " + size + " bytes is too large for a monolithicSparse extent");
        }
        this.nextGrainSector = overHead;
        this.blocks = new BlockAssembler(GRAIN, capacity * 512, this::grains);
    }

    @Override
    public void write(long offset, ByteBuffer data) throws IOException {
        blocks.write(offset, data);
    }

    private void grains(long firstGrain, ByteBuffer data) throws IOException {
        int n = data.remaining() / GRAIN;
        if (nextGrainSector + (long) n * GRAIN_SECTORS > MAX_SECTOR) {
            throw new IOException("monolithicSparse output exceeds the 2 TiB a VMDK sparse extent can address");
        }
        long at = nextGrainSector * 512;
        writeFully(data, at);
        for (int i = 0; i < n; i++) {
            long grain = firstGrain + i;
            int gtIndex = (int) (grain / GT_ENTRIES);
            if (gtIndex != currentGt) {
                flushGt();
                currentGt = gtIndex;
            }
            gt[(int) (grain % GT_ENTRIES)] = (int) (nextGrainSector + i * GRAIN_SECTORS);
            gtUsed = true;
        }
        nextGrainSector += n * GRAIN_SECTORS;
    }

    private void flushGt() throws IOException {
        if (currentGt >= 0 && gtUsed) {
            ByteBuffer b = ByteBuffer.allocate(GT_ENTRIES * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asIntBuffer().put(gt);
            writeFully(b, (gtSector + currentGt * GT_SECTORS) * 512);
        }
        Arrays.fill(gt, 0);
        gtUsed = false;
    }

    private void writeFully(ByteBuffer b, long at) throws IOException {
        FileWrites.writeFully(channel, b, at);
    }

    @Override
    public void finish() throws IOException {
        blocks.flush();
        flushGt();
        int flags = SparseExtentHeader.FLAG_NL_DETECT | (options.zeroedGrain() ? SparseExtentHeader.FLAG_ZEROED_GRAIN : 0);
        int version = options.zeroedGrain() ? 2 : 1;
        SparseExtentHeader header = new SparseExtentHeader(version, flags, capacity, GRAIN_SECTORS, 1,
                DESCRIPTOR_SECTORS, GT_ENTRIES, gdSector, overHead, 0);
        writeFully(header.encode(), 0);
        String text = VmdkDescriptor.render("monolithicSparse", capacity, "SPARSE", "disk.vmdk",
                options.ddb(capacity), ThreadLocalRandom.current().nextInt() & 0xffffffffL);
        writeFully(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)), 512);
        ByteBuffer gd = ByteBuffer.allocate((int) (gdEntries * 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (long i = 0; i < gdEntries; i++) {
            gd.putInt((int) (gtSector + i * GT_SECTORS));
        }
        writeFully(gd.flip(), gdSector * 512);
        if (channel.size() < nextGrainSector * 512) {
            // The reserved grain tables must lie inside the file even when no grain follows them.
            writeFully(ByteBuffer.allocate(512), nextGrainSector * 512 - 512);
        }
    }

    @Override
    public long bytesWritten() {
        return nextGrainSector * 512;
    }

    @Override
    public void close() {
        // The caller owns the channel.
    }
}
