package io.skyfed.image.gce;

import io.skyfed.image.ByteSource;
import io.skyfed.image.DiskImage;
import io.skyfed.image.ImageFormat;
import io.skyfed.image.ImageWriter;
import io.skyfed.image.OpenOptions;
import io.skyfed.image.WriteOptions;
import io.skyfed.image.WriteTarget;
import io.skyfed.image.formatkit.Malformed;
import io.skyfed.image.formatkit.OptionReader;
import io.skyfed.image.formatkit.Spool;
import io.skyfed.image.formatkit.TargetOutput;
import io.skyfed.image.formatkit.SourceInputStream;
import io.skyfed.image.tar.TarEntry;
import io.skyfed.image.tar.TarInput;
import io.skyfed.image.tar.TarPaths;
import io.skyfed.image.tar.TarReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.nio.file.Path;

/**
 * Google Compute Engine image: a tar.gz holding exactly {@code disk.raw}, the disk as an old-GNU sparse member
 * (what {@code tar --format=oldgnu -Sczf} makes). Options: {@code gib_align} (on by default: round the disk up to a
 * whole GiB, since GCE sizes persistent disks in GB; off keeps the size exact), {@code spool_dir} (where the
 * compressed data waits for its header; default java.io.tmpdir), {@code spool_max} (a cap on that file).
 */
public final class GceFormat implements ImageFormat {

    public static final String NAME = "gce";
    private static final long GIB = 1L << 30;

    @Override
    public String name() {
        return NAME;
    }

    /** gzip magic, and a first tar member (after any PAX or GNU long-name records) named disk.raw. */
    @Override
    public int probe(ByteSource source) throws IOException {
        if (source.size() < 18) {
            return 0;
        }
        ByteBuffer magic = ByteBuffer.allocate(2);
        source.readFully(0, magic);
        if ((magic.get(0) & 0xFF) != 0x1F || (magic.get(1) & 0xFF) != 0x8B) {
            return 0;
        }
        try (InputStream in = new GZIPInputStream(new SourceInputStream(source, 0))) {
            TarEntry first = new TarReader(TarInput.of(in), source.name(), 1 << 16, 4).next();
            return first != null && first.isFile()
                    && TarPaths.requireInside(source.name(), first.name()).equals(GceImage.MEMBER) ? 100 : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public DiskImage open(ByteSource source, OpenOptions options) throws IOException {
        return Malformed.guard(source, "GCE image", () -> GceImage.open(source, options));
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    @Override
    public boolean writesSequentially() {
        return true;
    }

    @Override
    public ImageWriter create(WriteTarget target, long virtualSize, WriteOptions options) throws IOException {
        OptionReader o = new OptionReader(NAME, options);
        boolean align = o.flag("gib_align", true);
        Path spoolDir = Path.of(o.string("spool_dir", System.getProperty("java.io.tmpdir")));
        long spoolMax = o.size("spool_max", Long.MAX_VALUE);
        o.rejectUnknown();
        long size = (virtualSize + 511) / 512 * 512;
        if (align) {
            size = (size + GIB - 1) / GIB * GIB;
        }
        OutputStream out = TargetOutput.stream(target);
        return new GceWriter(out, size, new Spool(spoolDir, "skyfed-gce", spoolMax), 0);
    }
}
