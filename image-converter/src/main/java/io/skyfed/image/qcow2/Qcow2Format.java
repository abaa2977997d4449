package io.skyfed.image.qcow2;

import io.skyfed.image.ByteSource;
import io.skyfed.image.DiskImage;
import io.skyfed.image.ImageFormat;
import io.skyfed.image.ImageWriter;
import io.skyfed.image.OpenOptions;
import io.skyfed.image.WriteOptions;
import io.skyfed.image.WriteTarget;
import java.io.IOException;

/** QEMU copy-on-write v2/v3: read everything a converter meets; write v3 (or v2 with compat=0.10). */
public final class Qcow2Format implements ImageFormat {

    @Override
    public String name() {
        return "qcow2";
    }

    @Override
    public int probe(ByteSource source) throws IOException {
        return Qcow2Header.probe(source) ? 100 : 0;
    }

    @Override
    public DiskImage open(ByteSource source, OpenOptions options) throws IOException {
        return Qcow2Image.open(source, options);
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    @Override
    public ImageWriter create(WriteTarget target, long virtualSize, WriteOptions options) throws IOException {
        if (!(target instanceof WriteTarget.Seekable s)) {
            throw new IllegalArgumentException("qcow2 needs a seekable file, not a stream");
        }
        return new Qcow2Writer(s.channel(), virtualSize, Qcow2WriteOptions.parse(options));
    }
}
