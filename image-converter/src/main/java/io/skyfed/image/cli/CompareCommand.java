package io.skyfed.image.cli;

import io.skyfed.image.DiskImage;
import io.skyfed.image.FormatRegistry;
import io.skyfed.image.PageBuffers;
import io.skyfed.image.Zeros;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** qemu-img compare: identical content, where the longer image's extra part must read as zeros. */
@Command(name = "compare", description = "Compare the content of two images (exit 0 identical, 1 different).")
final class CompareCommand implements Callable<Integer> {

    private static final int BUFFER = 4 << 20;

    @Option(names = "-f", paramLabel = "FMT", description = "Format of the first image.")
    String format1;

    @Option(names = "-F", paramLabel = "FMT", description = "Format of the second image.")
    String format2;

    @Option(names = {"-q", "--quiet"})
    boolean quiet;

    @Mixin
    ImageOptions images;

    @Parameters(index = "0", paramLabel = "FILE1")
    Path file1;

    @Parameters(index = "1", paramLabel = "FILE2")
    Path file2;

    @Override
    public Integer call() throws Exception {
        FormatRegistry registry = FormatRegistry.load();
        try (DiskImage a = images.open(registry, file1, format1); DiskImage b = images.open(registry, file2, format2)) {
            long mismatch = firstDifference(a, b);
            if (mismatch >= 0) {
                say("Content mismatch at offset " + mismatch + "!");
                return ExitCodes.DIFFERENT_OR_CORRUPT;
            }
            say("Images are identical.");
            return ExitCodes.OK;
        }
    }

    private void say(String s) {
        if (!quiet) {
            System.out.println(s);
        }
    }

    /** The first offset where the disks differ, or -1; past the shorter one, the longer must be zero. */
    static long firstDifference(DiskImage a, DiskImage b) throws IOException {
        long size = Math.max(a.virtualSize(), b.virtualSize());
        ByteBuffer ba = PageBuffers.allocate(BUFFER);
        ByteBuffer bb = PageBuffers.allocate(BUFFER);
        for (long w = 0; w < size; w += DataRanges.WINDOW) {
            for (long[] r : DataRanges.union(w, Math.min(size, w + DataRanges.WINDOW), a, b)) {
                for (long p = r[0]; p < r[1]; p += BUFFER) {
                    int n = (int) Math.min(BUFFER, r[1] - p);
                    fill(a, p, ba, n);
                    fill(b, p, bb, n);
                    int at = ba.mismatch(bb);
                    if (at >= 0) {
                        return p + (at / 512) * 512;
                    }
                }
            }
        }
        return -1;
    }

    /** Reads {@code n} bytes at {@code p}; the part past the image's end reads as zeros. */
    private static void fill(DiskImage image, long p, ByteBuffer buf, int n) throws IOException {
        buf.clear().limit(n);
        int inside = (int) Math.max(0, Math.min(n, image.virtualSize() - p));
        if (inside > 0) {
            ByteBuffer part = buf.slice(0, inside);
            image.read(p, part);
        }
        buf.position(inside);
        while (buf.hasRemaining()) {
            buf.put(Zeros.buffer(Math.min(buf.remaining(), Zeros.maxBuffer())));
        }
        buf.flip();
    }
}
