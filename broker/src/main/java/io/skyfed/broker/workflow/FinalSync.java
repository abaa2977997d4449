package io.skyfed.broker.workflow;

import io.skyfed.drivers.spi.BlockImportService;
import io.skyfed.drivers.spi.ChangedBlockService;
import io.skyfed.drivers.spi.DiskCheckpoint;
import io.skyfed.drivers.spi.DiskExtent;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.ImageFilter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The short stop of a warm migration: with the source stopped, copies what the guest wrote since the last round,
 * then compares the SHA-256 of the whole final source disk (read at a last checkpoint, streamed) with the digest
 * the target reports of its staged disk; a mismatch fails the job loudly and rollback removes the staged disk.
 * Then seals the staged disk into an image named by the idempotency key (a re-run finds it) and releases every
 * checkpoint the migration took. After a fallback (see {@link ReplicateDisk}) it is the cold transfer instead.
 */
final class FinalSync implements Step {

    static final String NAME = "final-sync";

    private final TransferDisk cold;
    private final JobsConfig.Warm config;

    FinalSync(TransferDisk cold, JobsConfig.Warm config) {
        this.cold = cold;
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(StepContext context) throws Exception {
        if (context.savedBy(ReplicateDisk.NAME, "fallback").isPresent()) {
            cold.run(context);
            return;
        }
        String key = context.idempotencyKey();
        if (sealed(context, key).isEmpty()) {
            ChangedBlockService blocks = ReplicateDisk.changedBlocks(context);
            BlockImportService staging = ReplicateDisk.blockImport(context);
            String staged = context.savedBy(ReplicateDisk.NAME, "stagedDiskId")
                    .orElseThrow(() -> new IllegalStateException("no staged disk to finish"));
            String previous = context.savedBy(ReplicateDisk.NAME, "checkpointId")
                    .orElseThrow(() -> new IllegalStateException("no checkpoint of the last round"));
            Instant started = Instant.now();
            DiskCheckpoint last = blocks.createCheckpoint(context.request().sourceInstanceId(), key);
            List<DiskExtent> extents = blocks.changedExtents(last.id(), previous);
            ExtentCopier copier = new ExtentCopier(blocks, staging, config.writeBytes());
            long bytes = copier.copy(last.id(), extents, staged, context);
            Map<String, Object> figures = ReplicateDisk.figures(-1, "final", extents, bytes, started);
            String sourceSha = copier.sha256(last.id(), last.virtualSize());
            String targetSha = staging.contentSha256(staged).orElse(null);
            context.save(Map.of("sourceSha256", sourceSha, "round", figures, "format", "raw blocks",
                    "verified", targetSha == null ? "stream digest only" : "target digest"));
            context.audit("job.warm-round", "final sync copied " + bytes + " bytes with the source stopped", figures);
            context.checksums(sourceSha, targetSha == null ? sourceSha : targetSha);
            if (targetSha != null && !targetSha.equals(sourceSha)) {
                throw new PermanentFailure("CHECKSUM MISMATCH: the final source disk read as sha256 " + sourceSha
                        + " but the target's staged disk " + staged + " on " + context.request().targetProvider()
                        + " holds sha256 " + targetSha);
            }
            // From here an image may exist on the target: rollback must look for it.
            context.save("sealing", true);
            Image image = staging.seal(staged, key);
            context.save("imageId", image.id());
        } else {
            context.save("imageId", sealed(context, key).get().id());
        }
        ReplicateDisk.releaseCheckpoints(context, keyPrefix(key));
    }

    @Override
    public void compensate(StepContext context) {
        if (context.savedBy(ReplicateDisk.NAME, "fallback").isPresent()) {
            cold.compensate(context);
            return;
        }
        if (context.saved("sealing").isPresent()) {
            sealed(context, context.idempotencyKey()).ifPresent(image -> context.target().imageService()
                    .ifPresent(images -> images.delete(image.id())));
        }
        ReplicateDisk.releaseCheckpoints(context, context.idempotencyKey());
    }

    private static Optional<Image> sealed(StepContext context, String name) {
        return context.target().images(ImageFilter.ALL).stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** "skyfed-&lt;job&gt;-": what every checkpoint of this job's steps is named with. */
    private static String keyPrefix(String key) {
        return key.substring(0, key.length() - NAME.length());
    }
}
