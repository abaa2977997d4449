package io.skyfed.image.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyfed.image.testing.Images;
import io.skyfed.image.testing.Qemu;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's contract: qemu-img syntax, one-line errors without stack traces, documented exit codes. */
class MainTest {

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;
    private Path raw;

    @BeforeEach
    void capture() throws Exception {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        raw = dir.resolve("a.raw");
        Images.rawWithData(raw, 8L << 20, 0, 5L << 20);
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void convertInfoCompareCheckRoundTrip() throws Exception {
        Path q = dir.resolve("a.qcow2");
        assertThat(Main.run("convert", "-f", "raw", "-O", "qcow2", "-c", raw.toString(), q.toString())).isZero();
        assertThat(Main.run("info", "--output=json", q.toString())).isZero();
        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(json).contains("\"format\": \"qcow2\"").contains("\"virtual-size\": 8388608").contains("\"compat\": \"1.1\"");
        assertThat(Main.run("check", q.toString())).isZero();
        assertThat(Main.run("compare", raw.toString(), q.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Images are identical.");
        assertThat(Qemu.ok(dir, "qemu-img", "compare", "-f", "raw", "-F", "qcow2", raw.toString(), q.toString()))
                .contains("identical");
    }

    @Test
    void compareReportsTheFirstDifference() throws Exception {
        Path b = dir.resolve("b.raw");
        Files.copy(raw, b);
        Images.patch(b, 5L << 20, java.nio.ByteBuffer.wrap(new byte[] {(byte) 0x99}));
        assertThat(Main.run("compare", "-f", "raw", "-F", "raw", raw.toString(), b.toString())).isEqualTo(ExitCodes.DIFFERENT_OR_CORRUPT);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Content mismatch at offset " + (5L << 20));
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        assertThat(Main.run("convert", "-O", "nosuch", raw.toString(), dir.resolve("x").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(errText().strip()).startsWith("skyfed-image: unknown format 'nosuch'").doesNotContain("\n").doesNotContain("at io.");
        err.reset();
        assertThat(Main.run("convert", "-O", "qcow2", "-o", "cluster_size=3k", raw.toString(), dir.resolve("y").toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(errText()).contains("cluster_size");
        assertThat(dir.resolve("y")).doesNotExist();
        err.reset();
        assertThat(Main.run("convert", "--bogus")).isEqualTo(ExitCodes.USAGE);
        assertThat(errText().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void badImagesExitThreeAndMissingFilesFour() throws Exception {
        Path bad = dir.resolve("bad.qcow2");
        Files.write(bad, new byte[] {'Q', 'F', 'I', (byte) 0xfb, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertThat(Main.run("convert", "-f", "qcow2", "-O", "raw", bad.toString(), dir.resolve("o.raw").toString())).isEqualTo(ExitCodes.BAD_IMAGE);
        assertThat(errText().strip()).isEqualTo("skyfed-image: " + bad + ": unsupported qcow2 version 9");
        err.reset();
        assertThat(Main.run("info", dir.resolve("missing.img").toString())).isEqualTo(ExitCodes.IO_ERROR);
        assertThat(errText().strip()).endsWith("missing.img: no such file");
        err.reset();
        assertThat(Main.run("check", "-f", "qcow2", bad.toString())).isEqualTo(ExitCodes.DIFFERENT_OR_CORRUPT);
    }

    @Test
    void sequentialFormatsGoToStdout() throws Exception {
        assertThat(Main.run("convert", "-O", "vmdk", "-o", "subformat=streamOptimized", raw.toString(), "-")).isZero();
        Path written = dir.resolve("stdout.vmdk");
        Files.write(written, out.toByteArray());
        assertThat(Qemu.ok(dir, "qemu-img", "compare", "-f", "raw", "-F", "vmdk", raw.toString(), written.toString()))
                .contains("identical");
        err.reset();
        assertThat(Main.run("convert", "-O", "qcow2", raw.toString(), "-")).isEqualTo(ExitCodes.USAGE);
        assertThat(errText()).contains("cannot be written to a stream");
    }
}
