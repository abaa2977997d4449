package io.skyfed.image;

import io.skyfed.image.file.FileByteSource;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens the image an overlay names as its backing file, only where {@link OpenOptions} allows it: backing must be
 * enabled, the chain depth is bounded (which also ends loops), and the resolved real path (symbolic links followed)
 * must lie inside one of the allowed directories.
 */
public final class BackingFiles {

    private BackingFiles() {
    }

    /**
     * @param child     the overlay; relative references are resolved against its directory
     * @param reference the file name stored in the overlay
     * @param format    the backing format the overlay names, if any; otherwise detected from content
     */
    public static DiskImage open(ByteSource child, String reference, Optional<String> format, OpenOptions options)
            throws IOException {
        String name = child.name();
        if (!options.allowBacking()) {
            throw new ImageFormatException(name + ": has backing file '" + reference
                    + "'; backing files are refused unless explicitly allowed");
        }
        if (options.maxChainDepth() <= 0) {
            throw new ImageFormatException(name + ": backing chain is deeper than allowed (or loops)");
        }
        Path dir = child.path().map(Path::getParent)
                .orElseThrow(() -> new ImageFormatException(name + ": backing file '" + reference
                        + "' cannot be resolved: the image is not a file"));
        Path real;
        try {
            real = dir.resolve(reference).toRealPath();
        } catch (NoSuchFileException | InvalidPathException e) {
            throw new ImageFormatException(name + ": backing file '" + reference + "' does not exist");
        }
        if (!insideAllowList(real, options)) {
            throw new ImageFormatException(name + ": backing file '" + reference + "' resolves to " + real
                    + ", outside the allowed directories");
        }
        FormatRegistry registry = FormatRegistry.load();
        FileByteSource source = FileByteSource.open(real);
        try {
            ImageFormat f = format.isPresent() ? registry.byName(format.get()).orElseThrow(
                    () -> new ImageFormatException(name + ": unknown backing format '" + format.get() + "'"))
                    : registry.detect(source);
            OpenOptions deeper = new OpenOptions(true, options.backingAllowList(), options.maxMetadataBytes(),
                    options.maxChainDepth() - 1);
            return f.open(source, deeper);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /**
     * Whether {@code real} (a real path, symbolic links already resolved) lies strictly below one of the allowed
     * directories. The one containment check for every backing and parent reference taken from an image.
     */
    public static boolean insideAllowList(Path real, OpenOptions options) throws IOException {
        for (Path allowed : options.backingAllowList()) {
            Path root;
            try {
                root = allowed.toRealPath();
            } catch (NoSuchFileException e) {
                continue;
            }
            if (real.startsWith(root) && !real.equals(root)) {
                return true;
            }
        }
        return false;
    }
}
