package io.skyfed.broker.workflow;

import io.skyfed.drivers.spi.BlockImportService;
import io.skyfed.drivers.spi.ChangedBlockService;
import io.skyfed.drivers.spi.DiskExtent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Copies extents of a source disk at one checkpoint into the same offsets of a staged disk on the target, each
 * streamed from the source read to the target write in pieces of at most {@code writeBytes}. Writing an extent
 * twice is harmless, so a copy cut short by a crash is simply done again.
 */
final class ExtentCopier {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

    private final ChangedBlockService source;
    private final BlockImportService target;
    private final int writeBytes;

    ExtentCopier(ChangedBlockService source, BlockImportService target, int writeBytes) {
        this.source = source;
        this.target = target;
        this.writeBytes = writeBytes;
    }

    static long bytes(List<DiskExtent> extents) {
        return extents.stream().mapToLong(DiskExtent::length).sum();
    }

    /** Copies the extents, reporting progress at most once a second (and checking for a cancel then); emits bytes. */
    long copy(String checkpointId, List<DiskExtent> extents, String stagedDiskId, StepContext context)
            throws IOException {
        long total = bytes(extents);
        long done = 0;
        Instant last = Instant.EPOCH;
        for (DiskExtent extent : extents) {
            for (long offset = extent.offset(); offset < extent.end(); offset += writeBytes) {
                long length = Math.min(writeBytes, extent.end() - offset);
                try (InputStream piece = source.read(checkpointId, offset, length)) {
                    target.write(stagedDiskId, offset, length, piece);
                }
                done += length;
                if (Instant.now().isAfter(last.plus(PROGRESS_EVERY))) {
                    last = Instant.now();
                    context.progress(done, total);
                    context.checkCancelled();
                }
            }
        }
        context.progress(done, total);
        return done;
    }

    /** The SHA-256 of the whole disk at the checkpoint, streamed. */
    String sha256(String checkpointId, long size) throws IOException {
        try (DigestingInputStream read = new DigestingInputStream(source.read(checkpointId, 0, size), n -> { })) {
            read.transferTo(OutputStream.nullOutputStream());
            return read.sha256();
        }
    }
}
