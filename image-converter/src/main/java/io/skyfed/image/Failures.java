package io.skyfed.image;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Rethrows, on the calling thread, a failure that happened on a worker thread, keeping its kind. */
public final class Failures {

    private Failures() {
    }

    /** Throws {@code t} as what it is: an I/O error stays an {@link IOException} (also when wrapped unchecked). */
    public static IOException rethrow(Throwable t) throws IOException {
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof UncheckedIOException u) {
            throw u.getCause();
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IOException(t);
    }
}
