package io.skyfed.image;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Writes one image. The converter calls {@link #write} only for data, at strictly ascending, non-overlapping
 * offsets, each a multiple of 512 bytes; everything never written reads back as zero. {@link #finish} writes the
 * trailing metadata; {@link #close} without {@code finish} abandons the output.
 */
public interface ImageWriter extends Closeable {

    void write(long offset, ByteBuffer data) throws IOException;

    void finish() throws IOException;

    /** Bytes written to the target so far (for progress and for the caller's checksum bookkeeping). */
    long bytesWritten();
}
