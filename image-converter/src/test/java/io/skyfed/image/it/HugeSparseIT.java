package io.skyfed.image.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyfed.image.testing.Qemu;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A 100 GiB sparse disk converts in a 256 MiB heap: the converter streams, reads only data and keeps bounded
 * tables. Runs the packaged CLI in its own JVM with {@code -Xmx256m} and checks the output with qemu-img.
 */
class HugeSparseIT {

    private static final String SIZE = "100G";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"raw", "qcow2", "qcow2 -c", "vmdk subformat=streamOptimized", "vmdk subformat=monolithicSparse"})
    void convertsIn256MiBHeap(String spec) throws Exception {
        Path src = dir.resolve("huge.qcow2");
        Qemu.ok(dir, "qemu-img", "create", "-q", "-f", "qcow2", src.toString(), SIZE);
        Qemu.io(dir, "qcow2", src, "write -P 0x5a 0 1M", "write -P 0x6b 50G 3M", "write -P 0x7c 99G 64k",
                "write -P 0x11 " + ((100L << 30) - 4096) + " 4096");
        String[] parts = spec.split(" ");
        String format = parts[0];
        Path out = dir.resolve("out." + format);
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx256m", "-jar", Repo.jar().toString(), "convert",
                "-f", "qcow2", "-O", format));
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].equals("-c")) {
                cmd.add("-c");
            } else {
                cmd.add("-o");
                cmd.add(parts[i]);
            }
        }
        cmd.add(src.toString());
        cmd.add(out.toString());
        Qemu.ok(dir, cmd.toArray(String[]::new));
        assertThat(Files.size(out) < (1L << 30) || format.equals("raw")).isTrue();
        assertThat(Qemu.ok(dir, "qemu-img", "compare", "-f", "qcow2", "-F", format, src.toString(), out.toString()))
                .contains("Images are identical");
    }
}
