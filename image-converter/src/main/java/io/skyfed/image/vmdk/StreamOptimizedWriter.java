package io.skyfed.image.vmdk;

import io.skyfed.image.BlockAssembler;
import io.skyfed.image.ImageWriter;
import io.skyfed.image.compress.Deflate;
import io.skyfed.image.compress.OrderedPipeline;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a streamOptimized VMDK strictly sequentially, so it can feed an upload: header (grain directory deferred
 * to the footer, as VMware writes it), descriptor, then deflated grains behind grain markers, each grain table
 * after its grains, and at the end the grain directory, the footer and the end-of-stream marker. Grains are deflated
 * in parallel and written in order. Grain tables that would only hold empty grains are left out (GD entry 0).
 */
final class StreamOptimizedWriter implements ImageWriter {

    private static final long GRAIN_SECTORS = 128;
    private static final int GRAIN = (int) GRAIN_SECTORS * 512;
    private static final int GT_ENTRIES = 512;
    private static final long DESCRIPTOR_SECTORS = 20;
    private static final long OVERHEAD_SECTORS = 128;
    private static final int MARKER_EOS = 0;
    private static final int MARKER_GT = 1;
    private static final int MARKER_GD = 2;
    private static final int MARKER_FOOTER = 3;
    private static final int BATCH_GRAINS = 16;
    /** Batches (1 MiB each) queued for deflate: keeps the workers busy while the writer waits to be scheduled. */
    private static final int IN_FLIGHT_BATCHES = 16;
    private static final long MAX_SECTOR = 0xffffffffL;

    private final OutputStream out;
    private final long capacity;
    private final VmdkWriteOptions options;
    private final BlockAssembler blocks;
    private final OrderedPipeline<byte[][]> pipeline;
    private final int[] gd;
    private final int[] gt = new int[GT_ENTRIES];
    private int currentGt = -1;
    private boolean gtUsed;
    private long sector;
    private byte[] batch;
    private long[] batchGrains;
    private int batchCount;

    StreamOptimizedWriter(OutputStream out, long size, VmdkWriteOptions options) throws IOException {
        if (size == 0) {
            throw new IllegalArgumentException("vmdk cannot hold a zero-capacity disk");
        }
        this.out = out;
        this.capacity = (size + 511) / 512;
        this.options = options;
        long gdEntries = (capacity + GRAIN_SECTORS * GT_ENTRIES - 1) / (GRAIN_SECTORS * GT_ENTRIES);
        this.gd = new int[(int) gdEntries];
        this.blocks = new BlockAssembler(GRAIN, capacity * 512, this::grains);
        this.pipeline = new OrderedPipeline<>(options.threads(), IN_FLIGHT_BATCHES, this::store);
        writeHead();
    }

    private SparseExtentHeader header(long gdOffset) {
        int flags = SparseExtentHeader.FLAG_NL_DETECT | SparseExtentHeader.FLAG_COMPRESSED | SparseExtentHeader.FLAG_MARKERS;
        return new SparseExtentHeader(3, flags, capacity, GRAIN_SECTORS, 1, DESCRIPTOR_SECTORS, GT_ENTRIES, gdOffset,
                OVERHEAD_SECTORS, SparseExtentHeader.COMPRESS_DEFLATE);
    }

    private void writeHead() throws IOException {
        emit(header(SparseExtentHeader.GD_AT_END).encode().array());
        String text = VmdkDescriptor.render("streamOptimized", capacity, "SPARSE", "disk.vmdk",
                options.ddb(capacity), ThreadLocalRandom.current().nextInt() & 0xffffffffL);
        byte[] descriptor = Arrays.copyOf(text.getBytes(StandardCharsets.US_ASCII), (int) DESCRIPTOR_SECTORS * 512);
        emit(descriptor);
        emit(new byte[(int) (OVERHEAD_SECTORS - 1 - DESCRIPTOR_SECTORS) * 512]);
    }

    @Override
    public void write(long offset, ByteBuffer data) throws IOException {
        blocks.write(offset, data);
    }

    private void grains(long firstGrain, ByteBuffer data) throws IOException {
        int n = data.remaining() / GRAIN;
        for (int i = 0; i < n; i++) {
            if (batch == null) {
                batch = new byte[BATCH_GRAINS * GRAIN];
                batchGrains = new long[BATCH_GRAINS];
                batchCount = 0;
            }
            data.get(data.position() + i * GRAIN, batch, batchCount * GRAIN, GRAIN);
            batchGrains[batchCount++] = firstGrain + i;
            if (batchCount == BATCH_GRAINS) {
                submitBatch();
            }
        }
    }

    private void submitBatch() throws IOException {
        if (batch == null || batchCount == 0) {
            return;
        }
        byte[] data = batch;
        long[] grains = Arrays.copyOf(batchGrains, batchCount);
        batch = null;
        pipeline.submit(() -> compressBatch(data, grains));
    }

    /** Each grain as stored: marker (LBA, compressed size), zlib data, padding to a sector. */
    private static byte[][] compressBatch(byte[] data, long[] grains) {
        byte[][] stored = new byte[grains.length + 1][];
        byte[] scratch = new byte[GRAIN + GRAIN / 8 + 1024];
        for (int i = 0; i < grains.length; i++) {
            int n = Deflate.zlib(data, i * GRAIN, GRAIN, scratch, 12);
            if (n < 0) {
                throw new IllegalStateException("deflate output exceeded its bound");
            }
            byte[] g = new byte[(12 + n + 511) & -512];
            ByteBuffer.wrap(g).order(ByteOrder.LITTLE_ENDIAN).putLong(grains[i] * GRAIN_SECTORS).putInt(n);
            System.arraycopy(scratch, 12, g, 12, n);
            stored[i] = g;
        }
        ByteBuffer lbas = ByteBuffer.allocate(grains.length * 8);
        lbas.asLongBuffer().put(grains);
        stored[grains.length] = lbas.array();
        return stored;
    }

    private void store(byte[][] stored) throws IOException {
        int n = stored.length - 1;
        ByteBuffer lbas = ByteBuffer.wrap(stored[n]);
        for (int i = 0; i < n; i++) {
            long grain = lbas.getLong(i * 8);
            int gtIndex = (int) (grain / GT_ENTRIES);
            if (gtIndex != currentGt) {
                flushGt();
                currentGt = gtIndex;
            }
            gt[(int) (grain % GT_ENTRIES)] = checkedSector(sector);
            gtUsed = true;
            emit(stored[i]);
        }
    }

    private void flushGt() throws IOException {
        if (currentGt >= 0 && gtUsed) {
            emit(marker(GT_ENTRIES * 4 / 512, MARKER_GT));
            gd[currentGt] = checkedSector(sector);
            ByteBuffer b = ByteBuffer.allocate(GT_ENTRIES * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asIntBuffer().put(gt);
            emit(b.array());
        }
        Arrays.fill(gt, 0);
        gtUsed = false;
    }

    private static byte[] marker(long sectors, int type) {
        ByteBuffer m = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        m.putLong(sectors).putInt(0).putInt(type);
        return m.array();
    }

    private int checkedSector(long s) throws IOException {
        if (s > MAX_SECTOR) {
            throw new IOException("streamOptimized output exceeds the 2 TiB a VMDK sparse extent can address");
        }
        return (int) s;
    }

    private void emit(byte[] b) throws IOException {
        out.write(b);
        sector += b.length / 512;
    }

    @Override
    public void finish() throws IOException {
        blocks.flush();
        submitBatch();
        pipeline.drain();
        flushGt();
        int gdBytes = gd.length * 4;
        byte[] gdSectors = new byte[(gdBytes + 511) & -512];
        ByteBuffer.wrap(gdSectors).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(gd);
        emit(marker(gdSectors.length / 512, MARKER_GD));
        long gdOffset = sector;
        emit(gdSectors);
        emit(marker(1, MARKER_FOOTER));
        emit(header(gdOffset).encode().array());
        emit(marker(0, MARKER_EOS));
        out.flush();
    }

    @Override
    public long bytesWritten() {
        return sector * 512;
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
