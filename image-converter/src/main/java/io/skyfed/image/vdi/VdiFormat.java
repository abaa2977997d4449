package io.skyfed.image.vdi;

import io.skyfed.image.ByteSource;
import io.skyfed.image.DiskImage;
import io.skyfed.image.ImageFormat;
import io.skyfed.image.ImageWriter;
import io.skyfed.image.OpenOptions;
import io.skyfed.image.WriteOptions;
import io.skyfed.image.WriteTarget;
import io.skyfed.image.formatkit.Malformed;
import io.skyfed.image.formatkit.OptionReader;
import io.skyfed.image.formatkit.TargetOutput;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * VirtualBox VDI: reads and writes static and dynamic images. Options as qemu-img: {@code static=on|off} (default
 * off); {@code subformat=static|dynamic} is accepted as a synonym.
 */
public final class VdiFormat implements ImageFormat {

    public static final String NAME = "vdi";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int probe(ByteSource source) throws IOException {
        if (source.size() < VdiHeader.SIZE) {
            return 0;
        }
        ByteBuffer b = ByteBuffer.allocate(VdiHeader.SIZE);
        source.readFully(0, b);
        return VdiHeader.hasSignature(b) ? 100 : 0;
    }

    @Override
    public DiskImage open(ByteSource source, OpenOptions options) throws IOException {
        return Malformed.guard(source, "VDI", () -> VdiImage.open(source, options));
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    /** Static VDIs stream; dynamic ones need a seekable file (checked in {@link #create}). */
    @Override
    public boolean writesSequentially() {
        return true;
    }

    @Override
    public ImageWriter create(WriteTarget target, long virtualSize, WriteOptions options) throws IOException {
        OptionReader o = new OptionReader(NAME, options);
        boolean isStatic = o.flag("static", false);
        String sub = o.choice("subformat", isStatic ? "static" : "dynamic", "static", "dynamic");
        o.rejectUnknown();
        if (options.get("static").isPresent() && options.get("subformat").isPresent()
                && isStatic != sub.equals("static")) {
            throw new IllegalArgumentException("vdi: static=" + (isStatic ? "on" : "off") + " contradicts subformat="
                    + sub);
        }
        isStatic = sub.equals("static");
        if (!isStatic) {
            TargetOutput.requireSeekable(target, "a dynamic VDI (static=off)");
        }
        return new VdiWriter(new TargetOutput(target), virtualSize, isStatic);
    }
}
