package io.skyfed.image;

import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * Where a writer puts its bytes: a seekable file, or a plain stream (stdout, an upload). Only formats whose
 * {@link ImageFormat#writesSequentially()} is true accept a stream.
 */
public sealed interface WriteTarget {

    record Seekable(FileChannel channel) implements WriteTarget {
        public Seekable {
            Objects.requireNonNull(channel);
        }
    }

    record Stream(OutputStream out) implements WriteTarget {
        public Stream {
            Objects.requireNonNull(out);
        }
    }
}
