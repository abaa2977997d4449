package io.skyfed.image.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.skyfed.image.FormatRegistry;
import io.skyfed.image.ImageFormat;
import io.skyfed.image.OpenOptions;
import io.skyfed.image.testkit.Hostile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * One fuzz target for every reader in the registry, chosen by {@code -Dfuzz.format=NAME}. Each input probes, opens,
 * maps and reads an image with untrusted options; any exception other than an I/O error is a finding, and so is a
 * hang or an OutOfMemoryError (Jazzer's timeouts and RSS limit).
 *
 * <p>An input is read as one of: the image bytes themselves; patches over a small valid image that the format's
 * own writer made (so mutations reach the tables behind the magic and checksums); or bytes to gzip (for tar.gz).
 */
class ReaderFuzzTest {

    private static final ImageFormat FORMAT = FormatRegistry.load().require(System.getProperty("fuzz.format", "vpc"));
    private static final Template TEMPLATE = Template.of(FORMAT);
    private static final OpenOptions UNTRUSTED = new OpenOptions(false, List.of(), 4 << 20, 0);
    private static final long READ_BUDGET = 4 << 20;

    @FuzzTest(maxDuration = "5m")
    void reader(FuzzedDataProvider data) {
        byte[] image = switch (data.consumeInt(0, 2)) {
            case 0 -> data.consumeRemainingAsBytes();
            case 1 -> TEMPLATE == null ? data.consumeRemainingAsBytes() : TEMPLATE.patched(data);
            default -> gzip(data.consumeRemainingAsBytes());
        };
        try {
            Hostile.exercise(FORMAT, image, UNTRUSTED, READ_BUDGET);
        } catch (IOException | UncheckedIOException expected) {
            // a clear refusal is the right answer to a malformed image
        }
    }

    private static byte[] gzip(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
