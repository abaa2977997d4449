package io.skyfed.image.formatkit;

import io.skyfed.image.BackingFiles;
import io.skyfed.image.ByteSource;
import io.skyfed.image.DiskImage;
import io.skyfed.image.ImageFormat;
import io.skyfed.image.ImageFormatException;
import io.skyfed.image.OpenOptions;
import io.skyfed.image.file.FileByteSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the parent of a differencing disk, and only inside the caller's allow-list: a path taken from an image is
 * untrusted, so it is resolved against the child's directory, made real (symlinks followed) and must then lie under
 * one of the allowed directories.
 */
public final class ParentImages {

    private ParentImages() {
    }

    /**
     * Opens the first candidate that resolves inside the allow-list and exists.
     *
     * @param child      the differencing image (its name is its path)
     * @param candidates parent paths from the image's locators, most specific first
     */
    public static DiskImage open(ByteSource child, List<String> candidates, ImageFormat format, OpenOptions options)
            throws IOException {
        if (!options.allowBacking()) {
            throw new ImageFormatException(child.name() + ": differencing image refers to a parent "
                    + candidates + " and parent images are not allowed");
        }
        if (options.maxChainDepth() <= 0) {
            throw new ImageFormatException(child.name() + ": parent chain is deeper than allowed");
        }
        Path childDir = childDirectory(child);
        List<String> refused = new ArrayList<>();
        for (String candidate : candidates) {
            Path resolved = resolve(childDir, candidate);
            if (resolved == null || !Files.isRegularFile(resolved)) {
                refused.add(candidate + " (not found)");
                continue;
            }
            Path real = resolved.toRealPath();
            if (!BackingFiles.insideAllowList(real, options)) {
                refused.add(candidate + " (outside the allowed directories)");
                continue;
            }
            OpenOptions deeper = new OpenOptions(true, options.backingAllowList(), options.maxMetadataBytes(),
                    options.maxChainDepth() - 1);
            FileByteSource source = FileByteSource.open(real);
            try {
                return new OwningImage(format.open(source, deeper), source);
            } catch (IOException | RuntimeException e) {
                source.close();
                throw e;
            }
        }
        throw new ImageFormatException(child.name() + ": cannot open parent image: " + String.join(", ", refused));
    }

    private static Path childDirectory(ByteSource child) {
        try {
            Path parent = Path.of(child.name()).toAbsolutePath().getParent();
            return parent == null ? Path.of("").toAbsolutePath() : parent;
        } catch (InvalidPathException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    private static Path resolve(Path dir, String candidate) {
        if (candidate.isEmpty() || candidate.indexOf('\0') >= 0) {
            return null;
        }
        try {
            return dir.resolve(candidate.replace('\\', '/')).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
