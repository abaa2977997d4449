package io.skyfed.image.qcow2;

import io.airlift.compress.zstd.ZstdCompressor;
import io.skyfed.image.BlockAssembler;
import io.skyfed.image.ImageWriter;
import io.skyfed.image.compress.Deflate;
import io.skyfed.image.compress.OrderedPipeline;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Writes a qcow2 image in one ascending pass. Layout: header cluster, L1 table, then data clusters and L2 tables
 * appended as they complete (an L2 table is final once writes move past its range), and at the end the refcount
 * blocks and table, counted exactly so {@code qemu-img check} finds no leaks. With compression, clusters are
 * deflated in parallel batches and written in order; a cluster that does not shrink is stored as it is.
 */
final class Qcow2Writer implements ImageWriter {

    private static final long COPIED = 1L << 63;
    private static final long COMPRESSED = 1L << 62;
    /** Bytes of clusters handed to one compression job: enough work to outweigh the hand-over. */
    private static final int BATCH_BYTES = 1 << 20;
    /** Input bytes queued for compression: deep enough to keep the workers busy, small enough for a 256 MiB heap. */
    private static final int IN_FLIGHT_BYTES = 16 << 20;

    private final long size;
    private final Qcow2WriteOptions options;
    private final int clusterBits;
    private final int clusterSize;
    private final int l2Bits;
    private final long[] l1;
    private final int l1Clusters;
    private final long[] l2;
    private final ClusterRefcounts refcounts = new ClusterRefcounts();
    private final HostFile host;
    private final BlockAssembler blocks;
    private final OrderedPipeline<CompressedBatch> pipeline;
    private int currentL1 = -1;
    private boolean l2Used;
    private byte[] batch;
    private long[] batchClusters;
    private int batchCount;
    private boolean finished;

    Qcow2Writer(FileChannel channel, long size, Qcow2WriteOptions options) {
        this.size = size;
        this.options = options;
        this.clusterBits = options.clusterBits();
        this.clusterSize = 1 << clusterBits;
        this.l2Bits = clusterBits - 3;
        long perL2 = 1L << (l2Bits + clusterBits);
        long l1Size = size == 0 ? 0 : (size - 1) / perL2 + 1;
        if (l1Size * 8 > Qcow2Header.MAX_L1_BYTES) {
            throw new IllegalArgumentException("qcow2: " + size + " bytes need an L1 table over 32 MiB; use a larger cluster_size");
        }
        this.l1 = new long[(int) l1Size];
        this.l1Clusters = (int) ((l1Size * 8 + clusterSize - 1) / clusterSize);
        this.l2 = new long[1 << l2Bits];
        this.blocks = new BlockAssembler(clusterSize, size, this::fullClusters);
        int refcountBits = 1 << options.refcountOrder();
        int maxShare = (int) Math.min(ClusterRefcounts.MAX, refcountBits >= 63 ? Long.MAX_VALUE : (1L << refcountBits) - 1);
        long start = (long) (1 + l1Clusters) << clusterBits;
        for (long c = 0; c < 1 + l1Clusters; c++) {
            refcounts.increment(c);
        }
        this.host = new HostFile(channel, clusterBits, refcounts, maxShare, start);
        int batchBytes = Math.max(BATCH_BYTES, clusterSize);
        this.pipeline = options.compress()
                ? new OrderedPipeline<>(options.threads(), Math.max(2 * options.threads(), IN_FLIGHT_BYTES / batchBytes), this::store)
                : null;
    }

    @Override
    public void write(long offset, ByteBuffer data) throws IOException {
        blocks.write(offset, data);
    }

    private void fullClusters(long firstCluster, ByteBuffer run) throws IOException {
        int n = run.remaining() >>> clusterBits;
        if (pipeline != null) {
            for (int i = 0; i < n; i++) {
                addToBatch(firstCluster + i, run, i << clusterBits);
            }
            return;
        }
        long at = host.appendClusters(run);
        for (int i = 0; i < n; i++) {
            setL2(firstCluster + i, (at + ((long) i << clusterBits)) | COPIED);
        }
    }

    private void addToBatch(long cluster, ByteBuffer src, int from) throws IOException {
        if (batch == null) {
            int clusters = Math.max(1, BATCH_BYTES / clusterSize);
            batch = new byte[clusters * clusterSize];
            batchClusters = new long[clusters];
            batchCount = 0;
        }
        src.get(from, batch, batchCount << clusterBits, clusterSize);
        batchClusters[batchCount++] = cluster;
        if (batchCount == batchClusters.length) {
            submitBatch();
        }
    }

    private void submitBatch() throws IOException {
        if (batch == null || batchCount == 0) {
            return;
        }
        byte[] data = batch;
        long[] clusters = Arrays.copyOf(batchClusters, batchCount);
        batch = null;
        int bits = clusterBits;
        int type = options.compressionType();
        pipeline.submit(() -> CompressedBatch.compress(data, clusters, bits, type));
    }

    /** Called in order with each finished batch: appends its clusters to the file and maps them. */
    private void store(CompressedBatch b) throws IOException {
        for (int i = 0; i < b.clusters().length; i++) {
            byte[] piece = b.pieces()[i];
            if (piece == null) {
                long at = host.appendClusters(ByteBuffer.wrap(b.raw(), i << clusterBits, clusterSize));
                setL2(b.clusters()[i], at | COPIED);
            } else {
                long at = host.appendPiece(piece, piece.length);
                int offsetBits = 62 - (clusterBits - 8);
                long extraSectors = ((at + piece.length - 1) >>> 9) - (at >>> 9);
                setL2(b.clusters()[i], COMPRESSED | (extraSectors << offsetBits) | at);
            }
        }
    }

    private void setL2(long cluster, long entry) throws IOException {
        int l1Index = (int) (cluster >>> l2Bits);
        if (l1Index != currentL1) {
            flushL2();
            currentL1 = l1Index;
        }
        l2[(int) (cluster & ((1L << l2Bits) - 1))] = entry;
        l2Used = true;
    }

    private void flushL2() throws IOException {
        if (currentL1 >= 0 && l2Used) {
            ByteBuffer b = ByteBuffer.allocate(clusterSize);
            b.asLongBuffer().put(l2);
            l1[currentL1] = host.appendClusters(b) | COPIED;
        }
        Arrays.fill(l2, 0);
        l2Used = false;
    }

    @Override
    public void finish() throws IOException {
        blocks.flush();
        if (pipeline != null) {
            submitBatch();
            pipeline.drain();
        }
        flushL2();
        host.alignToCluster();
        host.flush();
        long refcountTableOffset = writeRefcounts();
        writeL1();
        writeHeader(refcountTableOffset);
        finished = true;
    }

    /** Appends refcount blocks and table covering every cluster, themselves included; returns the table offset. */
    private long writeRefcounts() throws IOException {
        long used = host.cursor() >>> clusterBits;
        int refcountBits = 1 << options.refcountOrder();
        long perBlock = (long) clusterSize * 8 / refcountBits;
        long blocks = 0;
        long tableClusters = 0;
        while (true) {
            long total = used + blocks + tableClusters;
            long needBlocks = (total + perBlock - 1) / perBlock;
            long needTable = Math.max(1, (needBlocks * 8 + clusterSize - 1) / clusterSize);
            if (needBlocks == blocks && needTable == tableClusters) {
                break;
            }
            blocks = needBlocks;
            tableClusters = needTable;
        }
        long total = used + blocks + tableClusters;
        long[] table = new long[(int) (tableClusters * clusterSize / 8)];
        ByteBuffer block = ByteBuffer.allocate(clusterSize);
        for (long b = 0; b < blocks; b++) {
            Arrays.fill(block.array(), (byte) 0);
            for (long i = 0; i < perBlock; i++) {
                long cluster = b * perBlock + i;
                if (cluster >= total) {
                    break;
                }
                // The refcount structures themselves (from cluster 'used' on) are referenced once each.
                int count = cluster >= used ? 1 : refcounts.get(cluster);
                putRefcount(block.array(), (int) i, refcountBits, count);
            }
            block.clear();
            table[(int) b] = host.appendClusters(block);
        }
        ByteBuffer t = ByteBuffer.allocate(table.length * 8);
        t.asLongBuffer().put(table);
        long tableOffset = host.appendClusters(t);
        host.flush();
        return tableOffset;
    }

    /** Stores {@code value} as entry {@code i} of a refcount block: big-endian, sub-byte widths from bit 0 up. */
    private static void putRefcount(byte[] block, int i, int bits, int value) {
        if (bits < 8) {
            int bit = i * bits;
            block[bit >>> 3] |= (byte) (value << (bit & 7));
            return;
        }
        int bytes = bits / 8;
        int at = i * bytes;
        for (int k = 0; k < bytes && k < 4; k++) {
            block[at + bytes - 1 - k] = (byte) (value >>> (8 * k));
        }
    }

    private void writeL1() throws IOException {
        if (l1.length == 0) {
            return;
        }
        ByteBuffer b = ByteBuffer.allocate(l1.length * 8);
        b.asLongBuffer().put(l1);
        host.writeAt(clusterSize, b);
    }

    private void writeHeader(long refcountTableOffset) throws IOException {
        int length = options.version() == 2 ? Qcow2Header.V2_LENGTH : Qcow2Header.V3_LENGTH + 8;
        ByteBuffer h = ByteBuffer.allocate(length);
        h.putInt(Qcow2Header.MAGIC).putInt(options.version());
        h.putLong(0).putInt(0);
        h.putInt(clusterBits).putLong(size).putInt(0);
        // An empty disk has no L1 table at all (a reserved but unreferenced cluster would be a leak).
        h.putInt(l1.length).putLong(l1.length == 0 ? 0 : clusterSize);
        long refcountTableClusters = (host.cursor() - refcountTableOffset) >>> clusterBits;
        h.putLong(refcountTableOffset).putInt((int) refcountTableClusters);
        h.putInt(0).putLong(0);
        if (options.version() == 3) {
            long incompatible = options.compressionType() == Qcow2Header.COMPRESSION_ZSTD
                    ? Qcow2Header.INCOMPAT_COMPRESSION : 0;
            h.putLong(incompatible);
            h.putLong(options.lazyRefcounts() ? Qcow2Header.COMPAT_LAZY_REFCOUNTS : 0);
            h.putLong(0);
            h.putInt(options.refcountOrder()).putInt(length);
            h.put((byte) options.compressionType());
        }
        h.clear();
        host.writeAt(0, h);
    }

    @Override
    public long bytesWritten() {
        return host.cursor();
    }

    @Override
    public void close() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (!finished) {
            batch = null;
        }
    }

    /** The output of one compression job: per cluster its compressed bytes, or null to store it raw. */
    record CompressedBatch(long[] clusters, byte[][] pieces, byte[] raw) {

        static CompressedBatch compress(byte[] data, long[] clusters, int clusterBits, int type) {
            int clusterSize = 1 << clusterBits;
            byte[][] pieces = new byte[clusters.length][];
            ZstdCompressor zstd = type == Qcow2Header.COMPRESSION_ZSTD ? new ZstdCompressor() : null;
            byte[] out = new byte[zstd != null ? zstd.maxCompressedLength(clusterSize) : clusterSize - 1];
            for (int i = 0; i < clusters.length; i++) {
                int off = i << clusterBits;
                int n = zstd != null
                        ? zstd.compress(data, off, clusterSize, out, 0, out.length)
                        : Deflate.rawDeflate4k(data, off, clusterSize, out);
                if (n > 0 && n < clusterSize) {
                    pieces[i] = Arrays.copyOf(out, n);
                }
            }
            return new CompressedBatch(clusters, pieces, data);
        }
    }
}
