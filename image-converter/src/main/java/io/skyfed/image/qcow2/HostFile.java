package io.skyfed.image.qcow2;

import io.skyfed.image.PageBuffers;
import io.skyfed.image.Reads;
import io.skyfed.image.formatkit.FileWrites;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The output file of a qcow2 writer, filled strictly by appending: clusters at cluster boundaries, compressed
 * pieces packed byte by byte. Small appends are gathered in a buffer; whole cluster runs go straight to the file.
 * Every byte appended is counted in the refcounts of the clusters it touches.
 */
final class HostFile {

    private static final int BUFFER = 4 << 20;

    private final FileChannel channel;
    private final int clusterBits;
    private final int clusterSize;
    private final ClusterRefcounts refcounts;
    private final int maxShare;
    private final ByteBuffer buffer = PageBuffers.allocate(BUFFER);
    private long bufferStart;
    private long cursor;

    HostFile(FileChannel channel, int clusterBits, ClusterRefcounts refcounts, int maxShare, long start) {
        this.channel = channel;
        this.clusterBits = clusterBits;
        this.clusterSize = 1 << clusterBits;
        this.refcounts = refcounts;
        this.maxShare = maxShare;
        this.cursor = start;
        this.bufferStart = start;
    }

    long cursor() {
        return cursor;
    }

    /** Appends whole clusters at the next cluster boundary; returns their host offset. */
    long appendClusters(ByteBuffer data) throws IOException {
        alignToCluster();
        long host = cursor;
        int length = data.remaining();
        if (length >= BUFFER / 4) {
            flush();
            FileWrites.writeFully(channel, data, host);
            cursor = bufferStart = host + length;
        } else {
            put(data);
        }
        refcounts.reference(host, Reads.alignUp(length, clusterSize), clusterBits);
        return host;
    }

    /** Appends a compressed piece, sharing the current cluster unless that would overflow its refcount. */
    long appendPiece(byte[] data, int length) throws IOException {
        if ((cursor & (clusterSize - 1)) != 0 && refcounts.get(cursor >>> clusterBits) >= maxShare) {
            alignToCluster();
        }
        long host = cursor;
        put(ByteBuffer.wrap(data, 0, length));
        refcounts.reference(host, length, clusterBits);
        return host;
    }

    void alignToCluster() throws IOException {
        long aligned = (cursor + clusterSize - 1) & -(long) clusterSize;
        if (aligned != cursor) {
            flush();
            cursor = bufferStart = aligned;
        }
    }

    private void put(ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            int n = Math.min(buffer.remaining(), data.remaining());
            buffer.put(data.slice(data.position(), n));
            data.position(data.position() + n);
            cursor += n;
        }
    }

    void flush() throws IOException {
        FileWrites.writeFully(channel, buffer.flip(), bufferStart);
        buffer.clear();
        bufferStart = cursor;
    }

    /** Writes {@code data} at a fixed offset outside the appended area (header, L1 table). */
    void writeAt(long offset, ByteBuffer data) throws IOException {
        FileWrites.writeFully(channel, data, offset);
    }
}
