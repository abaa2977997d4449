package io.skyfed.broker.workflow;

import io.skyfed.drivers.spi.DiskExport;
import io.skyfed.drivers.spi.DiskImportSpec;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.Image;
import io.skyfed.image.Converter;
import io.skyfed.image.FormatRegistry;
import io.skyfed.image.ImageFormat;
import io.skyfed.image.WriteOptions;
import io.skyfed.image.WriteTarget;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.BiConsumer;

/**
 * Copies a stopped instance's disk from one provider into an image on another, converting on the way, with a
 * SHA-256 of the guest-visible bytes read at the source and of the bytes written to the target.
 *
 * <p>The target format is the source's export format when the target accepts it (no conversion); else the first
 * format the target imports that can be written sequentially (raw, VMDK streamOptimized), converted on the fly
 * through a pipe; else (formats that need random access: qcow2, VHD, VHDX) converted into a temporary file of at
 * most {@code skyfed.jobs.temp-max-bytes}, which is deleted as soon as the import has read it. Conversion needs a
 * raw export.
 */
@ApplicationScoped
public class DiskCopier {

    /** What a copy produced: the image, its format, and the digests of what was read and what was written. */
    record Result(Image image, String format, String sourceSha256, String writtenSha256, long bytesRead,
                  long bytesWritten) {
    }

    private static final FormatRegistry FORMATS = FormatRegistry.load();

    private final JobsConfig config;
    private final ExecutorService converters = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "skyfed-disk-converter");
        thread.setDaemon(true);
        return thread;
    });

    DiskCopier(JobsConfig config) {
        this.config = config;
    }

    /** The format {@code to} will receive for an export in {@code exportFormat}. */
    static String importFormat(String exportFormat, Set<String> accepted) {
        if (accepted.contains(exportFormat)) {
            return exportFormat;
        }
        if (!exportFormat.equals("raw")) {
            throw new PermanentFailure("the source exports " + exportFormat + " and the target imports " + accepted
                    + "; conversion needs a raw export");
        }
        return accepted.stream().filter(f -> FORMATS.byName(f).isPresent()).filter(f -> sequential(f)).findFirst()
                .or(() -> accepted.stream().filter(f -> FORMATS.byName(f).isPresent()).findFirst())
                .orElseThrow(() -> new PermanentFailure("the target imports " + accepted
                        + ", none of which the image converter writes"));
    }

    static String exportFormat(DiskTransferService from) {
        Set<String> formats = from.exportFormats();
        return formats.contains("raw") ? "raw" : formats.iterator().next();
    }

    Result copy(DiskTransferService from, String instanceId, DiskTransferService to, String imageName,
                BiConsumer<Long, Long> progress, Consumer<String> deleteImage) throws IOException {
        String exported = exportFormat(from);
        String format = importFormat(exported, to.importFormats());
        try (DiskExport export = from.exportDisk(instanceId, exported)) {
            DigestingInputStream read = new DigestingInputStream(export.content(),
                    done -> progress.accept(done, export.virtualSize()));
            if (format.equals(exported)) {
                DigestingInputStream written = new DigestingInputStream(read, n -> { });
                Image image = to.importDisk(new DiskImportSpec(imageName, format, export.virtualSize(),
                        export.contentLength(), null), written);
                return new Result(image, format, read.sha256(), written.sha256(), read.count(), written.count());
            }
            return sequential(format) ? piped(read, export.virtualSize(), to, imageName, format, deleteImage)
                    : viaTemporaryFile(read, export.virtualSize(), to, imageName, format);
        }
    }

    /** Re-reads the source disk for its digest (a re-run whose import finished before its checkpoint was saved). */
    String sourceSha256(DiskTransferService from, String instanceId) throws IOException {
        try (DiskExport export = from.exportDisk(instanceId, exportFormat(from))) {
            DigestingInputStream read = new DigestingInputStream(export.content(), n -> { });
            read.transferTo(java.io.OutputStream.nullOutputStream());
            return read.sha256();
        }
    }

    private Result piped(DigestingInputStream read, long size, DiskTransferService to, String imageName,
                         String format, Consumer<String> deleteImage) throws IOException {
        PipedInputStream pipe = new PipedInputStream(1 << 20);
        PipedOutputStream out = new PipedOutputStream(pipe);
        CompletableFuture<Long> conversion = CompletableFuture.supplyAsync(() -> {
            try (out; SequentialRawImage source = new SequentialRawImage(read, size)) {
                return new Converter().convert(source, FORMATS.require(format), new WriteTarget.Stream(out),
                        options(format), (done, total) -> { });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, converters);
        DigestingInputStream written = new DigestingInputStream(pipe, n -> { });
        Image image;
        try {
            image = to.importDisk(new DiskImportSpec(imageName, format, size, -1, null), written);
        } catch (RuntimeException e) {
            pipe.close();
            conversion.cancel(true);
            throw e;
        }
        try {
            conversion.join();
        } catch (CompletionException e) {
            // The target read a truncated stream to its end: the image is incomplete.
            deleteImage.accept(image.id());
            throw new PermanentFailure("converting to " + format + " failed: " + e.getCause().getMessage(), e);
        }
        return new Result(image, format, read.sha256(), written.sha256(), read.count(), written.count());
    }

    private Result viaTemporaryFile(DigestingInputStream read, long size, DiskTransferService to, String imageName,
                                    String format) throws IOException {
        if (size > config.tempMaxBytes()) {
            throw new PermanentFailure(format + " needs random access to write, so the disk is converted into a"
                    + " temporary file; " + size + " bytes exceed skyfed.jobs.temp-max-bytes=" + config.tempMaxBytes());
        }
        Path directory = Files.createDirectories(config.tempDir().orElse(Path.of(System.getProperty("java.io.tmpdir"))));
        Path file = Files.createTempFile(directory, "skyfed-disk-", "." + format);
        try {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
                    SequentialRawImage source = new SequentialRawImage(read, size)) {
                new Converter().convert(source, FORMATS.require(format), new WriteTarget.Seekable(channel),
                        options(format), (done, total) -> { });
            }
            try (DigestingInputStream written = new DigestingInputStream(Files.newInputStream(file), n -> { })) {
                Image image = to.importDisk(new DiskImportSpec(imageName, format, size, Files.size(file), null),
                        written);
                return new Result(image, format, read.sha256(), written.sha256(), read.count(), written.count());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static boolean sequential(String format) {
        return FORMATS.byName(format).map(ImageFormat::writesSequentially).orElse(false);
    }

    private static WriteOptions options(String format) {
        Map<String, String> options = format.equals("vmdk") ? Map.of("subformat", "streamOptimized") : Map.of();
        return new WriteOptions(options, false, 1);
    }
}
