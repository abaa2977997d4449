package io.skyfed.image.formatkit;

import io.skyfed.image.file.FileByteSource;
import static org.assertj.core.api.Assertions.assertThat;

import io.skyfed.image.FormatRegistry;
import io.skyfed.image.testkit.Images;
import io.skyfed.image.testkit.Qemu;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The registry finds these drivers and tells their images apart by content, whatever the file is called. */
class DetectionTest {

    @TempDir
    Path dir;

    private final FormatRegistry registry = FormatRegistry.load();

    @Test
    void registersTheFormatDrivers() {
        assertThat(registry.all()).containsKeys("vpc", "vhdx", "vdi", "ova", "gce");
    }

    @ParameterizedTest
    @CsvSource({"vpc,subformat=fixed", "vpc,subformat=dynamic", "vhdx,subformat=dynamic", "vhdx,subformat=fixed",
        "vdi,static=on", "vdi,static=off"})
    void detectsWhatQemuWritesUnderAMisleadingName(String format, String options) throws Exception {
        Path raw = Images.rawSample(dir, "in.raw", 3L << 20, 50);
        Path img = dir.resolve("disk.qcow2");
        Qemu.img("convert", "-f", "raw", "-O", format, "-o", options, raw.toString(), img.toString());
        try (FileByteSource s = FileByteSource.open(img)) {
            assertThat(registry.detect(s).name()).isEqualTo(format);
        }
    }

    @Test
    void detectsOurGceImage() throws Exception {
        Path raw = Images.rawSample(dir, "in.raw", 1L << 20, 51);
        Path img = dir.resolve("disk.vhd");
        Images.writeStream(registry.require("gce"), raw, img, Map.of("gib_align", "off"));
        try (FileByteSource s = FileByteSource.open(img)) {
            assertThat(registry.detect(s).name()).isEqualTo("gce");
        }
    }
}
