package io.skyfed.broker.workflow;

import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Streams the stopped source's disk into an image on the target (converted on the way), then compares checksums:
 * the SHA-256 of the guest-visible bytes read at the source against the target's own digest of what it stored,
 * when the target reports one. A mismatch fails the job at once and loudly; the image is removed by rollback.
 * The image is named by the step's idempotency key, so a re-run after a crash finds a finished import.
 */
final class TransferDisk implements Step {

    static final String NAME = "transfer-disk";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

    private final DiskCopier copier;

    TransferDisk(DiskCopier copier) {
        this.copier = copier;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(StepContext context) throws Exception {
        DiskTransferService from = transfers(context, true);
        DiskTransferService to = transfers(context, false);
        String name = context.idempotencyKey();
        Optional<Image> finished = imported(context, name);
        Image image;
        String sourceSha;
        String writtenSha;
        if (finished.isPresent()) {
            image = finished.get();
            sourceSha = context.saved("sourceSha256")
                    .orElse(copier.sourceSha256(from, context.request().sourceInstanceId()));
            writtenSha = context.saved("writtenSha256").orElse("unknown: the import finished before a crash");
        } else {
            // From here something may exist on the target: rollback must look for it.
            context.save("importing", true);
            Instant[] last = {Instant.EPOCH};
            DiskCopier.Result copy = copier.copy(from, context.request().sourceInstanceId(), to, name, (done, total) -> {
                if (Instant.now().isAfter(last[0].plus(PROGRESS_EVERY))) {
                    last[0] = Instant.now();
                    context.progress(done, Math.max(done, total));
                    context.checkCancelled();
                }
            }, id -> context.target().imageService().ifPresent(images -> images.delete(id)));
            image = copy.image();
            sourceSha = copy.sourceSha256();
            writtenSha = copy.writtenSha256();
            context.save("format", copy.format());
            context.save("writtenSha256", writtenSha);
            context.save("sourceSha256", sourceSha);
            context.progress(copy.bytesRead(), copy.bytesRead());
        }
        context.save("imageId", image.id());
        Optional<String> stored = to.contentSha256(image.id());
        context.checksums(sourceSha, stored.orElse(writtenSha));
        if (stored.isPresent() && !stored.get().equals(sourceSha)) {
            throw new PermanentFailure("CHECKSUM MISMATCH: the source disk read as sha256 " + sourceSha
                    + " but the target stored sha256 " + stored.get() + " (image " + image.id() + " on "
                    + context.request().targetProvider() + ")");
        }
        context.save("verified", stored.isPresent() ? "target digest" : "stream digest only");
    }

    @Override
    public void compensate(StepContext context) {
        if (context.saved("importing").isEmpty() && context.saved("imageId").isEmpty()) {
            return;
        }
        Optional<Image> image = context.saved("imageId").flatMap(id -> byId(context, id))
                .or(() -> imported(context, context.idempotencyKey()));
        image.ifPresent(found -> context.target().imageService().ifPresent(images -> images.delete(found.id())));
    }

    private static Optional<Image> imported(StepContext context, String name) {
        return context.target().images(ImageFilter.ALL).stream().filter(i -> i.name().equals(name)).findFirst();
    }

    private static Optional<Image> byId(StepContext context, String id) {
        try {
            return Optional.of(context.target().image(id));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private static DiskTransferService transfers(StepContext context, boolean source) {
        String provider = source ? context.request().sourceProvider() : context.request().targetProvider();
        return (source ? context.source() : context.target()).diskTransfer()
                .orElseThrow(() -> new PermanentFailure("provider " + provider + " cannot " + (source ? "export"
                        : "import") + " disks"));
    }
}
