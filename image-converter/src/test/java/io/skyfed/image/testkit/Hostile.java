package io.skyfed.image.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.skyfed.image.DiskImage;
import io.skyfed.image.Extent;
import io.skyfed.image.ImageFormat;
import io.skyfed.image.ImageFormatException;
import io.skyfed.image.OpenOptions;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Iterator;

/** Opens a hand-made hostile image and reads all of it; it must fail with a clear I/O error, nothing else. */
public final class Hostile {

    private Hostile() {
    }

    /** Asserts the image is refused with an ImageFormatException or EOFException whose message has {@code words}. */
    public static void assertRefused(ImageFormat format, byte[] image, String words) {
        Throwable t = catchThrowable(() -> exercise(format, image, OpenOptions.untrusted()));
        assertThat(t).as("hostile image accepted").isNotNull();
        if (t instanceof UncheckedIOException u) {
            t = u.getCause();
        }
        assertThat(t).isInstanceOfAny(ImageFormatException.class, EOFException.class);
        assertThat(t.getMessage()).contains(words);
    }

    /** Probes, opens, walks the allocation map and reads every extent (at most 64 MiB). */
    public static void exercise(ImageFormat format, byte[] image, OpenOptions options) throws IOException {
        exercise(format, image, options, 64L << 20);
    }

    /** Probes, opens, walks the allocation map and reads every extent, up to {@code readBudget} bytes. */
    public static void exercise(ImageFormat format, byte[] image, OpenOptions options, long readBudget)
            throws IOException {
        MemorySource source = new MemorySource(image, "hostile." + format.name());
        format.probe(source);
        try (DiskImage disk = format.open(source, options)) {
            long budget = readBudget;
            Iterator<Extent> it = disk.extents(0, disk.virtualSize());
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            int extents = 0;
            while (it.hasNext() && budget > 0 && extents++ < 100_000) {
                Extent e = it.next();
                for (long at = e.offset(); at < e.end() && budget > 0; at += buf.capacity()) {
                    buf.clear().limit((int) Math.min(buf.capacity(), e.end() - at));
                    disk.read(at, buf);
                    budget -= buf.capacity();
                }
            }
            disk.details();
            disk.actualSize();
        }
    }
}
