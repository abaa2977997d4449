package io.skyfed.drivers.spi;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * An open, sequential read of a disk. {@code format} uses image-converter's format names (raw, qcow2, vmdk, vpc,
 * vhdx, ...); {@code contentLength} is -1 when the provider does not say. Closing it releases the provider side.
 */
public record DiskExport(String format, long virtualSize, long contentLength, InputStream content) implements Closeable {

    public DiskExport {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(content, "content");
    }

    @Override
    public void close() throws IOException {
        content.close();
    }
}
