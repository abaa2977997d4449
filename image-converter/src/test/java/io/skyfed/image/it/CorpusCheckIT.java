package io.skyfed.image.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyfed.image.testing.Qemu;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shared corpus check, run the way CI runs it: make-corpus.sh builds a small corpus (64 MiB, no 3 TiB edge
 * case) and check-converter.sh converts each image this module reads into each target it writes with
 * {@code bin/skyfed-image convert}, then verifies every output with qemu-img (check, info, compare).
 *
 * <p>Two passes keep it within a few minutes and still reach every writer: one image per qcow2/VMDK/raw reader
 * feature into raw, qcow2 (plain and zlib) and VMDK (monolithicSparse, streamOptimized); then one image of every other
 * format, plus a few qcow2/VMDK/raw ones, into every VHD, VHDX, VDI and OVA target. qed, qcow v1 and parallels inputs
 * are left out: no reader here supports them. The full matrix over every image and target is check-converter.sh run
 * by hand (README.md).
 */
class CorpusCheckIT {

    static final String TARGETS = "raw,qcow2,qcow2-zlib,vmdk-monolithicSparse,vmdk-streamOptimized";
    /** One image per reader feature, so the run stays within a few minutes. */
    static final String INPUTS = "^(src\\.raw|raw-prealloc\\.raw|qcow2-v2-zlib|qcow2-v3-zstd|qcow2-v3-c4k|qcow2-v3-extl2\\."
            + "|qcow2-v3-lazy-dirty|qcow2-v3-snapshot|qcow2-v3-extl2-overlay|chain-top|vmdk-streamOptimized"
            + "|vmdk-monolithicFlat|vmdk-zeroed-grain|edge-empty|edge-oddbytes|edge-unaligned-c2m-zlib|edge-refcount1"
            + "|edge-multi-2gbsparse|edge-multi-2gbflat)";

    static final String FORMAT_TARGETS = "qcow2,vpc-dynamic,vpc-fixed,vhdx-dynamic,vhdx-fixed,vdi-dynamic,vdi-static,ova";
    /** Each VHD, VHDX, VDI and OVA subformat of the corpus, one qcow2, VMDK and raw image, and two odd sizes. */
    static final String FORMAT_INPUTS = "^(src\\.raw|qcow2-v3-zlib\\.|vmdk-streamOptimized|vpc-dynamic\\.|vpc-fixed"
            + "|vhdx-dynamic\\.|vhdx-fixed|vdi-|ova-|edge-1sector|edge-oddbytes)";

    @Test
    void everyReadableCorpusImageConvertsToEveryWritableTarget() throws Exception {
        Path shared = Repo.sharedImages();
        Path work = Repo.root().resolve("image-converter/target/corpus-check");
        Path corpus = work.resolve("corpus");
        Files.createDirectories(corpus);
        run(Map.of("SKIP_HUGE", "1"), work, "bash", shared.resolve("make-corpus.sh").toString(), "-f", "-s", "64M",
                corpus.toString());

        String convert = Repo.root().resolve("bin/skyfed-image") + " convert --backing-dir " + corpus
                + " -f {IN_FMT} -O {OUT_FMT} {QEMU_O} {QEMU_C} {IN} {OUT}";
        assertAllPassed(check(shared, corpus, work.resolve("check"), convert, TARGETS, INPUTS), 80);
        assertAllPassed(check(shared, corpus, work.resolve("check-formats"), convert, FORMAT_TARGETS, FORMAT_INPUTS), 80);
    }

    private static String check(Path shared, Path corpus, Path workDir, String convert, String targets, String inputs)
            throws Exception {
        Files.createDirectories(workDir);
        return run(Map.of("CONVERT", convert, "NO_SECOND_READER", "1"), workDir, "bash",
                shared.resolve("check-converter.sh").toString(), "-c", corpus.toString(), "-w", workDir.toString(),
                "-t", targets, "-i", inputs);
    }

    private static void assertAllPassed(String out, int atLeast) {
        String[] lines = out.strip().split("\n");
        Matcher m = Pattern.compile("(\\d+) passed, (\\d+) failed").matcher(lines[lines.length - 1]);
        assertThat(m.matches()).as("last line of check-converter.sh:\n" + out).isTrue();
        assertThat(Integer.parseInt(m.group(2))).as(out).isZero();
        assertThat(Integer.parseInt(m.group(1))).as("cells checked").isGreaterThan(atLeast);
    }

    private static String run(Map<String, String> env, Path dir, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = dir.resolve(Path.of(command[1]).getFileName() + ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " timed out; see " + log);
        }
        String out = Files.readString(log);
        assertThat(p.exitValue()).as(String.join(" ", command) + " exit code; output:\n" + tail(out)).isZero();
        return out;
    }

    private static String tail(String s) {
        return s.length() > 8000 ? s.substring(s.length() - 8000) : s;
    }

    static {
        // Qemu is the oracle: fail early and clearly when the Debian package is missing.
        try {
            Qemu.ok(Path.of("."), "qemu-img", "--version");
        } catch (Exception e) {
            throw new IllegalStateException("qemu-img is needed by the integration tests (apt-get install qemu-utils)", e);
        }
    }
}
