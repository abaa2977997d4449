package io.skyfed.image.cli;

import io.skyfed.image.Converter;
import io.skyfed.image.DiskImage;
import io.skyfed.image.FormatRegistry;
import io.skyfed.image.ImageFormat;
import io.skyfed.image.ProgressListener;
import io.skyfed.image.Sizes;
import io.skyfed.image.WriteOptions;
import io.skyfed.image.WriteTarget;
import io.skyfed.image.formatkit.FileWrites;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code convert [-f FMT] -O FMT [-o OPTIONS] [-c] [-p] IN OUT}, as qemu-img spells it; OUT "-" is stdout. */
@Command(name = "convert", description = "Convert an image to another format.")
final class ConvertCommand implements Callable<Integer> {

    @Option(names = "-f", paramLabel = "FMT", description = "Input format; detected from the content when absent.")
    String inputFormat;

    @Option(names = "-O", paramLabel = "FMT", defaultValue = "raw", description = "Output format (default raw).")
    String outputFormat;

    @Option(names = "-o", paramLabel = "OPTIONS", description = "Output options, key=value[,key=value] (repeatable).")
    List<String> options = new ArrayList<>();

    @Option(names = "-c", description = "Compress the output (qcow2, vmdk streamOptimized).")
    boolean compress;

    @Option(names = "-p", description = "Show progress.")
    boolean progress;

    @Option(names = {"-q", "--quiet"}, description = "No progress, even on a terminal.")
    boolean quiet;

    @Option(names = "-S", paramLabel = "SIZE", description = "Zero-detection granularity (default 4k; 0 = copy data as is).")
    String sparseSize = "4k";

    @Option(names = "-m", paramLabel = "N", description = "Compression threads (default: the number of CPUs).")
    Integer threads;

    @Option(names = "-W", description = "Accepted for qemu-img compatibility; output is always written in order.")
    boolean outOfOrder;

    @Option(names = {"-t", "-T"}, paramLabel = "CACHE", description = "Accepted for qemu-img compatibility; ignored.")
    String cache;

    @Mixin
    ImageOptions images;

    @Parameters(index = "0", paramLabel = "IN")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT")
    String output;

    @Override
    public Integer call() throws Exception {
        FormatRegistry registry = FormatRegistry.load();
        ImageFormat target = registry.require(outputFormat);
        if (!target.canWrite()) {
            throw new IllegalArgumentException(outputFormat + " cannot be written");
        }
        Map<String, String> parsed = new LinkedHashMap<>();
        options.forEach(o -> parsed.putAll(WriteOptions.parse(o)));
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        WriteOptions writeOptions = new WriteOptions(parsed, compress, n);
        int zeroBlock = (int) Sizes.parse(sparseSize);
        Converter converter = new Converter(Converter.DEFAULT_BUFFER, zeroBlock);
        boolean toStdout = output.equals("-");
        boolean showProgress = !quiet && !toStdout && (progress || System.console() != null);
        ProgressBar bar = showProgress ? new ProgressBar(System.err) : null;
        ProgressListener listener = bar != null ? bar : ProgressListener.NONE;
        try (DiskImage source = images.open(registry, input, inputFormat)) {
            if (toStdout) {
                // Stdout may be a file: keep its writes as short as FileWrites keeps file writes.
                OutputStream out = new BufferedOutputStream(System.out, FileWrites.MAX_WRITE);
                converter.convert(source, target, new WriteTarget.Stream(out), writeOptions, listener);
                out.flush();
            } else {
                writeFile(converter, source, target, Path.of(output), writeOptions, listener);
            }
        } finally {
            if (bar != null) {
                bar.end();
            }
        }
        return ExitCodes.OK;
    }

    /** Writes a fresh file; a failed conversion leaves no partial output behind. */
    private static void writeFile(Converter converter, DiskImage source, ImageFormat target, Path out,
                                  WriteOptions options, ProgressListener listener) throws IOException {
        boolean done = false;
        try (FileChannel channel = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING)) {
            converter.convert(source, target, new WriteTarget.Seekable(channel), options, listener);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(out);
            }
        }
    }
}
