package io.skyfed.image.qcow2;

import java.util.ArrayList;
import java.util.List;

/**
 * How many references each host cluster of a new image has. One byte per cluster, in 1 MiB chunks, so a large
 * output never needs one big array; the writer keeps counts below 255 by not sharing a cluster further.
 */
final class ClusterRefcounts {

    static final int MAX = 255;
    private static final int CHUNK_BITS = 20;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private final List<byte[]> chunks = new ArrayList<>();

    int get(long cluster) {
        int chunk = (int) (cluster >>> CHUNK_BITS);
        return chunk < chunks.size() ? chunks.get(chunk)[(int) (cluster & (CHUNK - 1))] & 0xff : 0;
    }

    void increment(long cluster) {
        int chunk = (int) (cluster >>> CHUNK_BITS);
        while (chunks.size() <= chunk) {
            chunks.add(new byte[CHUNK]);
        }
        byte[] c = chunks.get(chunk);
        int i = (int) (cluster & (CHUNK - 1));
        if ((c[i] & 0xff) == MAX) {
            throw new IllegalStateException("refcount overflow at host cluster " + cluster);
        }
        c[i]++;
    }

    /** Counts one more reference for every cluster that {@code [offset, offset + length)} touches. */
    void reference(long offset, long length, int clusterBits) {
        for (long c = offset >>> clusterBits; c <= (offset + length - 1) >>> clusterBits; c++) {
            increment(c);
        }
    }
}
