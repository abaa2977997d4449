package io.skyfed.drivers.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.drivers.contract.PatternStream;
import io.skyfed.drivers.spi.DiskImportSpec;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.OperationNotSupportedException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Disk import through Cloud Storage: the archive arrives byte for byte where images.insert reads it, the staging
 * object is gone afterwards, and an insert that fails leaves neither image nor object. Export is refused.
 */
class GoogleDiskImportTest {

    private static final GoogleStubs STUBS = new GoogleStubs();
    private static final String BUCKET = "skyfed-test-images";
    private static final int SIZE = 2 * 1024 * 1024 + 5;

    private DriverSession session;
    private DiskTransferService transfer;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        STUBS.resetFaults();
        session = new GoogleDriverFactory().connect(STUBS.credentials(), STUBS.settings("google-import", Map.of()));
        transfer = session.diskTransfer().orElseThrow();
    }

    @Test
    void archiveBecomesAnImageAndTheStagingObjectIsRemoved() throws IOException {
        assertThat(transfer.importFormats()).containsExactly("gce");
        Image image = transfer.importDisk(new DiskImportSpec("imported-1", "gce", 10L << 30, SIZE, "x86_64"),
                new PatternStream(SIZE));

        assertThat(image.id()).isEqualTo("imported-1");
        assertThat(image.state()).isEqualTo("READY");
        assertThat(session.image("imported-1")).isEqualTo(image);
        try (InputStream expected = new PatternStream(SIZE)) {
            assertThat(STUBS.gce.importedDigest("imported-1")).isEqualTo(GceFake.sha256(expected.readAllBytes()));
        }
        assertThat(STUBS.gcs.objectNames(BUCKET)).isEmpty();
    }

    @Test
    void archiveOfUnknownLengthIsSpooledAndImported() {
        Image image = transfer.importDisk(new DiskImportSpec("imported-2", "gce", 10L << 30, -1, null),
                new PatternStream(SIZE));
        assertThat(image.architecture()).isEqualTo("x86_64");
        assertThat(STUBS.gce.importedDigest("imported-2")).isNotNull();
    }

    @Test
    void anUploadOutlastingTheCallTimeoutCompletesUnderTheTransferBudget() {
        DiskTransferService strict = new GoogleDriverFactory().connect(STUBS.credentials(),
                STUBS.settings("google-import-slow", Map.of("fault.timeout", "PT1S"))).diskTransfer().orElseThrow();
        Image image = strict.importDisk(new DiskImportSpec("imported-slow", "gce", 1L << 30, SIZE, null),
                new TrickleStream(new PatternStream(SIZE), Duration.ofMillis(1_500)));
        assertThat(image.state()).isEqualTo("READY");
        assertThat(STUBS.gce.importedDigest("imported-slow")).isNotNull();
    }

    @Test
    void failedInsertLeavesNeitherImageNorStagingObject() {
        // The staged object vanishes before GCE reads it: the insert operation ends in error.
        STUBS.gce.storage((bucket, object) -> null);
        try {
            assertThatThrownBy(() -> transfer.importDisk(new DiskImportSpec("imported-3", "gce", 1L << 30, SIZE,
                    null), new PatternStream(SIZE))).isInstanceOf(NotFoundException.class);
        } finally {
            STUBS.gce.storage(STUBS.gcs::content);
        }
        assertThat(STUBS.gce.hasImage("imported-3")).isFalse();
        assertThat(STUBS.gcs.objectNames(BUCKET)).isEmpty();
    }

    @Test
    void refusesOtherFormatsAndBadNamesBeforeUploading() {
        assertThatThrownBy(() -> transfer.importDisk(new DiskImportSpec("q", "qcow2", 1, 1, null),
                new PatternStream(1))).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("gce");
        assertThatThrownBy(() -> transfer.importDisk(new DiskImportSpec("Bad_Name", "gce", 1, 1, null),
                new PatternStream(1))).isInstanceOf(InvalidArgumentException.class);
        assertThat(STUBS.gcs.objectNames(BUCKET)).isEmpty();
    }

    /** A producer slower than one API call may take: hands out the content in small pieces over {@code total}. */
    private static final class TrickleStream extends FilterInputStream {
        private static final int CHUNK = 64 * 1024;
        private final long pauseNanos;

        TrickleStream(InputStream in, Duration total) {
            super(in);
            this.pauseNanos = total.toNanos() / (SIZE / CHUNK + 1);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            LockSupport.parkNanos(pauseNanos);
            return super.read(buffer, offset, Math.min(length, CHUNK));
        }
    }

    @Test
    void exportIsRefusedWithTheReason() {
        assertThat(transfer.exportFormats()).isEmpty();
        assertThatThrownBy(() -> transfer.exportDisk("web-1", "raw"))
                .isInstanceOf(OperationNotSupportedException.class).hasMessageContaining("Cloud Build");
    }
}
