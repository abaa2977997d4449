package io.skyfed.image.cli;

import io.skyfed.image.DiskImage;
import io.skyfed.image.FormatRegistry;
import io.skyfed.image.PageBuffers;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Reads every table and every stored byte of an image through the reader's checks (offsets inside the file,
 * tables in bounds, compressed data that inflates to whole clusters). It does not audit refcounts.
 */
@Command(name = "check", description = "Check that an image's metadata and data can be read consistently.")
final class CheckCommand implements Callable<Integer> {

    private static final int BUFFER = 4 << 20;

    @Option(names = "-f", paramLabel = "FMT", description = "Input format; detected from the content when absent.")
    String format;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing; only the exit code tells.")
    boolean quiet;

    @Mixin
    ImageOptions images;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws Exception {
        try (DiskImage image = images.open(FormatRegistry.load(), file, format)) {
            ByteBuffer buf = PageBuffers.allocate(BUFFER);
            long size = image.virtualSize();
            for (long w = 0; w < size; w += DataRanges.WINDOW) {
                for (long[] r : DataRanges.union(w, Math.min(size, w + DataRanges.WINDOW), image)) {
                    for (long p = r[0]; p < r[1]; p += BUFFER) {
                        buf.clear().limit((int) Math.min(BUFFER, r[1] - p));
                        image.read(p, buf);
                    }
                }
            }
        } catch (java.io.IOException e) {
            if (Main.exitCode(e) == ExitCodes.BAD_IMAGE) {
                if (!quiet) {
                    System.err.println("skyfed-image: " + Main.message(e));
                }
                return ExitCodes.DIFFERENT_OR_CORRUPT;
            }
            throw e;
        }
        if (!quiet) {
            System.out.println("No errors were found on the image.");
        }
        return ExitCodes.OK;
    }
}
