package io.skyfed.drivers.spi;

import java.util.Objects;

/**
 * A disk to turn into an image: its name, format (image-converter's names), guest-visible size, the byte count
 * of the stream (-1 if unknown) and architecture (may be null).
 */
public record DiskImportSpec(String name, String format, long virtualSize, long contentLength, String architecture) {

    public DiskImportSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
    }
}
