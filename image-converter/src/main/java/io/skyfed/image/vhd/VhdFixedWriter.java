package io.skyfed.image.vhd;

import io.skyfed.image.ImageWriter;
import io.skyfed.image.formatkit.TargetOutput;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Writes a fixed VHD front to back: the raw disk, then the footer. Works on a stream. */
final class VhdFixedWriter implements ImageWriter {

    private final TargetOutput out;
    private final VhdLayout layout;

    VhdFixedWriter(TargetOutput out, VhdLayout layout) {
        this.out = out;
        this.layout = layout;
    }

    @Override
    public void write(long offset, ByteBuffer data) throws IOException {
        if (offset + data.remaining() > layout.currentSize()) {
            throw new IllegalArgumentException("write at " + offset + " ends past the disk (" + layout.currentSize() + ")");
        }
        out.write(offset, data);
    }

    @Override
    public void finish() throws IOException {
        out.setLength(layout.currentSize());
        out.writeAt(layout.currentSize(), layout.footer(VhdFooter.NO_DATA_OFFSET).encode());
        out.flush();
    }

    @Override
    public long bytesWritten() {
        return out.bytesWritten();
    }

    @Override
    public void close() {
    }
}
