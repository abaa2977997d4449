package io.skyfed.image.qcow2;

import io.airlift.compress.zstd.ZstdDecompressor;
import io.skyfed.image.ByteSource;
import io.skyfed.image.ImageFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates qcow2 compressed clusters (raw deflate or zstd). The descriptor's sector count bounds what is read; the
 * stream must produce exactly one cluster. The last cluster is kept, as reads often come in pieces of one cluster.
 */
final class ClusterDecompressor {

    private final String name;
    private final int clusterSize;
    private final int clusterBits;
    private final int compressionType;
    private final Inflater inflater = new Inflater(true);
    private final ZstdDecompressor zstd = new ZstdDecompressor();
    private final byte[] output;
    private byte[] input = new byte[0];
    private long cachedDescriptor = -1;

    ClusterDecompressor(String name, int clusterSize, int compressionType) {
        this.name = name;
        this.clusterSize = clusterSize;
        this.clusterBits = Integer.numberOfTrailingZeros(clusterSize);
        this.compressionType = compressionType;
        this.output = new byte[clusterSize];
    }

    /** The decompressed cluster that L2 entry {@code descriptor} points to (a read-only view, valid until the next call). */
    ByteBuffer cluster(ByteSource source, long descriptor, long fileSize) throws IOException {
        if (descriptor != cachedDescriptor) {
            cachedDescriptor = -1;
            int offsetBits = 62 - (clusterBits - 8);
            long hostOffset = descriptor & ((1L << offsetBits) - 1);
            long sectors = ((descriptor >>> offsetBits) & ((1L << (clusterBits - 8)) - 1)) + 1;
            long length = sectors * 512 - (hostOffset & 511);
            if (hostOffset >= fileSize) {
                throw new ImageFormatException(name + ": compressed cluster at " + hostOffset + " is past the end of the file");
            }
            int n = (int) Math.min(length, fileSize - hostOffset);
            if (input.length < n) {
                input = new byte[n];
            }
            source.readFully(hostOffset, ByteBuffer.wrap(input, 0, n));
            int produced = compressionType == Qcow2Header.COMPRESSION_ZSTD ? unzstd(n) : inflate(n);
            if (produced != clusterSize) {
                throw new ImageFormatException(name + ": compressed cluster at " + hostOffset + " inflates to "
                        + produced + " bytes instead of " + clusterSize);
            }
            cachedDescriptor = descriptor;
        }
        return ByteBuffer.wrap(output).asReadOnlyBuffer();
    }

    private int inflate(int n) throws ImageFormatException {
        inflater.reset();
        inflater.setInput(input, 0, n);
        int produced = 0;
        try {
            while (produced < clusterSize) {
                int k = inflater.inflate(output, produced, clusterSize - produced);
                if (k == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                produced += k;
            }
        } catch (DataFormatException e) {
            throw new ImageFormatException(name + ": corrupt compressed cluster: " + e.getMessage());
        }
        return produced;
    }

    private int unzstd(int n) throws IOException {
        int produced = 0;
        int at = 0;
        try {
            // The sectors read may hold the next cluster's bytes after the frame(s): decode whole frames only.
            while (produced < clusterSize && at + 4 <= n && ZstdFrames.isFrame(input, at)) {
                int frame = ZstdFrames.frameLength(input, at, n);
                produced += zstd.decompress(input, at, frame, output, produced, clusterSize - produced);
                at += frame;
            }
        } catch (RuntimeException e) {
            // aircompressor reports corrupt frames as unchecked exceptions.
            throw new ImageFormatException(name + ": corrupt zstd cluster: " + e.getMessage());
        }
        return produced;
    }
}
