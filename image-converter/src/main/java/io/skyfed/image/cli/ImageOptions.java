package io.skyfed.image.cli;

import io.skyfed.image.ByteSource;
import io.skyfed.image.DiskImage;
import io.skyfed.image.FormatRegistry;
import io.skyfed.image.ImageFormat;
import io.skyfed.image.OpenOptions;
import io.skyfed.image.file.FileByteSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How the commands open their input images: the format (or detection) and what backing files may be followed. */
final class ImageOptions {

    @Option(names = "--backing-dir", paramLabel = "DIR",
            description = "Follow backing files that resolve inside DIR (repeatable). Without it backing files are refused.")
    List<Path> backingDirs = new ArrayList<>();

    OpenOptions openOptions() {
        return backingDirs.isEmpty() ? OpenOptions.untrusted() : OpenOptions.withBackingIn(backingDirs);
    }

    /** Opens {@code path} as {@code format}, or as the format its content shows when {@code format} is null. */
    DiskImage open(FormatRegistry registry, Path path, String format) throws IOException {
        ByteSource source = FileByteSource.open(path);
        try {
            ImageFormat f = format != null ? registry.require(format) : registry.detect(source);
            return f.open(source, openOptions());
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }
}
