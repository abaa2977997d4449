package io.skyfed.image;

import java.nio.file.Path;
import java.util.List;

/**
 * How far a reader may trust the image. The defaults are for hostile uploads: no backing files, no external
 * data files, bounded metadata.
 *
 * @param allowBacking         follow backing-file / parent references at all
 * @param backingAllowList     directories a backing file may resolve into (never a path taken blindly from the image)
 * @param maxMetadataBytes     upper bound on the metadata a reader may load into memory (tables, descriptors)
 * @param maxChainDepth        upper bound on backing-chain length
 */
public record OpenOptions(boolean allowBacking, List<Path> backingAllowList, long maxMetadataBytes, int maxChainDepth) {

    public static final long DEFAULT_MAX_METADATA = 64L << 20;

    public OpenOptions {
        backingAllowList = List.copyOf(backingAllowList);
    }

    public static OpenOptions untrusted() {
        return new OpenOptions(false, List.of(), DEFAULT_MAX_METADATA, 0);
    }

    public static OpenOptions withBackingIn(List<Path> allowedDirectories) {
        return new OpenOptions(true, allowedDirectories, DEFAULT_MAX_METADATA, 16);
    }
}
