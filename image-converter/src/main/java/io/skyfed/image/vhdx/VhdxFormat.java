package io.skyfed.image.vhdx;

import io.skyfed.image.ByteSource;
import io.skyfed.image.DiskImage;
import io.skyfed.image.ImageFormat;
import io.skyfed.image.ImageWriter;
import io.skyfed.image.OpenOptions;
import io.skyfed.image.WriteOptions;
import io.skyfed.image.WriteTarget;
import io.skyfed.image.formatkit.Malformed;
import io.skyfed.image.formatkit.Regions;
import io.skyfed.image.formatkit.TargetOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Microsoft VHDX: reads fixed, dynamic and (over an allowed parent) differencing disks with every CRC-32C checked
 * and a pending log replayed in memory; writes dynamic and fixed disks (fixed ones front to back, so to a stream).
 */
public final class VhdxFormat implements ImageFormat {

    public static final String NAME = "vhdx";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int probe(ByteSource source) throws IOException {
        if (source.size() < 8) {
            return 0;
        }
        ByteBuffer b = ByteBuffer.allocate(8);
        source.readFully(0, b);
        if (!Regions.hasSignature(b, 0, "vhdxfile")) {
            return 0;
        }
        if (source.size() < VhdxHeader.SECOND_AT + VhdxHeader.SIZE) {
            return 50;
        }
        ByteBuffer h = ByteBuffer.allocate(VhdxHeader.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        source.readFully(VhdxHeader.FIRST_AT, h);
        return VhdxHeader.parseOrNull(h) != null ? 100 : 80;
    }

    @Override
    public DiskImage open(ByteSource source, OpenOptions options) throws IOException {
        return Malformed.guard(source, "VHDX", () -> VhdxImage.open(source, options, this));
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    /** Fixed VHDXs are written front to back; dynamic ones need a seekable file (checked in {@link #create}). */
    @Override
    public boolean writesSequentially() {
        return true;
    }

    @Override
    public ImageWriter create(WriteTarget target, long virtualSize, WriteOptions options) throws IOException {
        VhdxLayout layout = VhdxLayout.of(virtualSize, options);
        if (!layout.fixed()) {
            TargetOutput.requireSeekable(target, "a dynamic VHDX (subformat=dynamic)");
        }
        return new VhdxWriter(new TargetOutput(target), layout);
    }
}
