package io.skyfed.drivers.vsphere;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The sparse extent header at the start of a VMDK stream (VMware's "Virtual Disk Format 5.0", section "Hosted
 * Sparse Extent Header"), read without consuming the stream: the virtual size, and whether it is streamOptimized
 * (deflate-compressed grains), the only VMDK an OVF upload takes.
 */
record VmdkHeader(long capacityBytes, boolean streamOptimized) {

    private static final int MAGIC = 0x564d444b; // "KDMV" little-endian
    private static final int HEADER = 512;
    private static final int COMPRESSION_DEFLATE = 1;

    /** Reads the header of a stream that supports mark/reset; empty when it is no sparse VMDK. */
    static Optional<VmdkHeader> peek(InputStream in) throws IOException {
        in.mark(HEADER);
        byte[] bytes = in.readNBytes(HEADER);
        in.reset();
        if (bytes.length < 80) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != MAGIC) {
            return Optional.empty();
        }
        long sectors = b.getLong(12);
        int compression = b.getShort(77) & 0xffff;
        return Optional.of(new VmdkHeader(sectors * 512, compression == COMPRESSION_DEFLATE));
    }
}
