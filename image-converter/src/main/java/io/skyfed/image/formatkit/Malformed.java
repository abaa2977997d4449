package io.skyfed.image.formatkit;

import io.skyfed.image.ByteSource;
import io.skyfed.image.DiskImage;
import io.skyfed.image.ImageFormatException;
import java.io.IOException;

/**
 * Opens an image so that the unchecked exceptions a parser throws on inconsistent bytes (an index or a length out of
 * range) reach the caller as the checked {@link ImageFormatException} every reader promises.
 */
public final class Malformed {

    private Malformed() {
    }

    /** An open that may fail with an unchecked exception on hostile bytes. */
    @FunctionalInterface
    public interface Opener {
        DiskImage open() throws IOException;
    }

    public static DiskImage guard(ByteSource source, String formatName, Opener opener) throws IOException {
        try {
            return opener.open();
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new ImageFormatException(source.name() + ": malformed " + formatName + ": " + e.getMessage(), e);
        }
    }
}
