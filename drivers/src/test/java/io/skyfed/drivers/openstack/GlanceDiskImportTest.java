package io.skyfed.drivers.openstack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.drivers.spi.DiskImportSpec;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Disk import into Glance: the disk streams in, and a failed upload leaves no image behind. */
class GlanceDiskImportTest {

    private static final NovaStubs STUBS = new NovaStubs();
    private static final AtomicInteger PROVIDERS = new AtomicInteger();

    private DriverSession session;
    private DiskTransferService transfer;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        STUBS.resetFaults();
        session = new OpenStackDriverFactory().connect(NovaStubs.credentials(), STUBS.settings(
                "glance-" + PROVIDERS.incrementAndGet(), Map.of("fault.timeout", "PT10S")));
        transfer = session.diskTransfer().orElseThrow();
    }

    private static byte[] disk(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        return data;
    }

    @Test
    void importedDiskBecomesAnActiveImageWithTheSameBytes() throws Exception {
        byte[] data = disk(2 * 1024 * 1024 + 5);
        Image image = transfer.importDisk(new DiskImportSpec("migrated-web-1", "qcow2", 20L << 30, data.length,
                "x86_64"), new ByteArrayInputStream(data));
        assertThat(image.name()).isEqualTo("migrated-web-1");
        assertThat(image.state()).isEqualTo("ACTIVE");
        assertThat(STUBS.nova.uploadedMd5(image.id()))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)));
        assertThat(session.images(io.skyfed.drivers.spi.ImageFilter.ALL)).extracting(Image::id).contains(image.id());
    }

    @Test
    void failedUploadDeletesTheImageRecord() {
        int before = STUBS.nova.imageCount();
        STUBS.server.stubFor(put(urlPathMatching("/image/v2/images/.*/file")).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        InputStream data = new ByteArrayInputStream(disk(4096));
        assertThatThrownBy(() -> transfer.importDisk(new DiskImportSpec("doomed", "raw", 4096, 4096, null), data))
                .isInstanceOf(ProviderUnavailableException.class);
        assertThat(STUBS.nova.imageCount()).isEqualTo(before);
    }

    @Test
    void uploadOutlastingTheCallTimeoutSucceedsWithinTheTransferTimeout() {
        DiskTransferService slow = new OpenStackDriverFactory().connect(NovaStubs.credentials(), STUBS.settings(
                "glance-" + PROVIDERS.incrementAndGet(), Map.of("fault.timeout", "PT0.5S",
                        "transfer-timeout", "PT20S"))).diskTransfer().orElseThrow();
        byte[] data = disk(16 * 64 * 1024);
        Image image = slow.importDisk(new DiskImportSpec("slow-link", "raw", data.length, data.length, null),
                new SlowStream(data));
        assertThat(image.state()).isEqualTo("ACTIVE");
    }

    @Test
    void uploadExceedingTheTransferTimeoutFailsAndLeavesNoImage() {
        int before = STUBS.nova.imageCount();
        DiskTransferService slow = new OpenStackDriverFactory().connect(NovaStubs.credentials(), STUBS.settings(
                "glance-" + PROVIDERS.incrementAndGet(), Map.of("fault.timeout", "PT2S",
                        "transfer-timeout", "PT0.5S"))).diskTransfer().orElseThrow();
        byte[] data = disk(40 * 64 * 1024);
        assertThatThrownBy(() -> slow.importDisk(new DiskImportSpec("too-slow", "raw", data.length, data.length,
                null), new SlowStream(data))).isInstanceOf(ProviderUnavailableException.class);
        assertThat(STUBS.nova.imageCount()).isEqualTo(before);
    }

    /** A disk arriving over a slow link: one 64 KiB chunk per 50 ms. */
    private static final class SlowStream extends java.io.FilterInputStream {
        SlowStream(byte[] data) {
            super(new ByteArrayInputStream(data));
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("upload interrupted");
            }
            return super.read(b, off, Math.min(len, 64 * 1024));
        }
    }

    @Test
    void refusesFormatsGlanceDoesNotTake() {
        int before = STUBS.nova.imageCount();
        assertThatThrownBy(() -> transfer.importDisk(new DiskImportSpec("odd", "parallels", 1, 1, null),
                new ByteArrayInputStream(new byte[1]))).isInstanceOf(InvalidArgumentException.class);
        assertThat(STUBS.nova.imageCount()).isEqualTo(before);
    }
}
