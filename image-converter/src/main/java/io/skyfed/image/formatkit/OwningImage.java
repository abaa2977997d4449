package io.skyfed.image.formatkit;

import io.skyfed.image.ByteSource;
import io.skyfed.image.DiskImage;
import io.skyfed.image.Extent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Map;

/** A disk image that also closes the source it was opened on (the image itself never owns its source). */
public final class OwningImage implements DiskImage {

    private final DiskImage image;
    private final ByteSource source;

    public OwningImage(DiskImage image, ByteSource source) {
        this.image = image;
        this.source = source;
    }

    @Override
    public String format() {
        return image.format();
    }

    @Override
    public long virtualSize() {
        return image.virtualSize();
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        image.read(offset, dst);
    }

    @Override
    public Iterator<Extent> extents(long offset, long length) throws IOException {
        return image.extents(offset, length);
    }

    @Override
    public long actualSize() throws IOException {
        return image.actualSize();
    }

    @Override
    public Map<String, Object> details() {
        return image.details();
    }

    @Override
    public void close() throws IOException {
        try {
            image.close();
        } finally {
            source.close();
        }
    }
}
