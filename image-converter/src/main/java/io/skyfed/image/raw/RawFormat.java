package io.skyfed.image.raw;

import io.skyfed.image.ByteSource;
import io.skyfed.image.DiskImage;
import io.skyfed.image.ImageFormat;
import io.skyfed.image.ImageWriter;
import io.skyfed.image.OpenOptions;
import io.skyfed.image.WriteOptions;
import io.skyfed.image.WriteTarget;
import java.io.IOException;

/** Plain bytes. Probes weakest of all: anything is raw when nothing else claims it. */
public final class RawFormat implements ImageFormat {

    @Override
    public String name() {
        return "raw";
    }

    @Override
    public int probe(ByteSource source) {
        return 1;
    }

    @Override
    public DiskImage open(ByteSource source, OpenOptions options) throws IOException {
        return new RawImage(source);
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
        for (String key : options.options().keySet()) {
            if (!key.equals("preallocation")) {
                throw new IllegalArgumentException("raw does not support option '" + key + "'");
            }
        }
        String prealloc = options.get("preallocation").orElse("off");
        if (!prealloc.equals("off")) {
            throw new IllegalArgumentException("raw: preallocation=" + prealloc + " is not supported (only off)");
        }
        if (options.compress()) {
            throw new IllegalArgumentException("raw cannot be compressed (-c)");
        }
        long size = RawImage.paddedSize(virtualSize);
        if (target instanceof WriteTarget.Seekable s) {
            return new RawFileWriter(s.channel(), size);
        }
        return new RawStreamWriter(((WriteTarget.Stream) target).out(), size);
    }
}
