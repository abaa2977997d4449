package io.skyfed.image.vhd;

import io.skyfed.image.ByteSource;
import io.skyfed.image.DiskImage;
import io.skyfed.image.ImageFormat;
import io.skyfed.image.ImageWriter;
import io.skyfed.image.OpenOptions;
import io.skyfed.image.WriteOptions;
import io.skyfed.image.WriteTarget;
import io.skyfed.image.formatkit.Malformed;
import io.skyfed.image.formatkit.TargetOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Microsoft VHD ("vpc" in qemu): reads fixed, dynamic and differencing disks (the parent only inside the caller's
 * allow-list); writes fixed (front to back, so to a stream) and dynamic disks.
 */
public final class VhdFormat implements ImageFormat {

    public static final String NAME = "vpc";

    @Override
    public String name() {
        return NAME;
    }

    /** A valid footer (cookie and checksum) at the start (dynamic) or at the end (fixed). */
    @Override
    public int probe(ByteSource source) throws IOException {
        long size = source.size();
        if (size < VhdFooter.SIZE) {
            return 0;
        }
        for (long at : new long[] {0, size - VhdFooter.SIZE}) {
            ByteBuffer buf = ByteBuffer.allocate(VhdFooter.SIZE).order(ByteOrder.BIG_ENDIAN);
            source.readFully(at, buf);
            if (VhdFooter.hasCookie(buf)) {
                return VhdFooter.checksumMatches(buf) ? 100 : 50;
            }
        }
        return 0;
    }

    @Override
    public DiskImage open(ByteSource source, OpenOptions options) throws IOException {
        return Malformed.guard(source, "VHD", () -> VhdImage.open(source, options, this));
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    /** Fixed VHDs are written front to back; a dynamic one needs a seekable file (checked in {@link #create}). */
    @Override
    public boolean writesSequentially() {
        return true;
    }

    @Override
    public ImageWriter create(WriteTarget target, long virtualSize, WriteOptions options) throws IOException {
        VhdLayout layout = VhdLayout.of(virtualSize, options);
        if (layout.fixed()) {
            return new VhdFixedWriter(new TargetOutput(target), layout);
        }
        TargetOutput.requireSeekable(target, "a dynamic VHD (subformat=dynamic)");
        return new VhdDynamicWriter(new TargetOutput(target), layout);
    }
}
