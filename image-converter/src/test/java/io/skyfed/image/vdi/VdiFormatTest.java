package io.skyfed.image.vdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyfed.image.DiskImage;
import io.skyfed.image.ExtentType;
import io.skyfed.image.testkit.Images;
import io.skyfed.image.testkit.Qemu;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VdiFormatTest {

    private static final long SIZE = (6L << 20) + 5 * 512;

    @TempDir
    Path dir;

    private final VdiFormat vdi = new VdiFormat();

    @ParameterizedTest
    @ValueSource(strings = {"static=off", "static=on"})
    void readsWhatQemuWrites(String qemuOptions) throws Exception {
        Path raw = Images.rawSample(dir, "in.raw", SIZE, 7);
        Path img = dir.resolve("q.vdi");
        Qemu.img("convert", "-f", "raw", "-O", "vdi", "-o", qemuOptions, raw.toString(), img.toString());
        try (DiskImage image = Images.open(vdi, img)) {
            assertThat(image.virtualSize()).isEqualTo(Qemu.info(img, "vdi").virtualSize()).isEqualTo(SIZE);
            assertThat(image.details()).containsEntry("subformat", qemuOptions.endsWith("on") ? "static" : "dynamic");
            Path back = Images.readToRaw(image, dir.resolve("back.raw"));
            Qemu.img("compare", "-f", "raw", "-F", "raw", raw.toString(), back.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dynamic", "static"})
    void writesWhatQemuReads(String subformat) throws Exception {
        Path raw = Images.rawSample(dir, "in.raw", SIZE, 8);
        Path img = dir.resolve("out.vdi");
        if (subformat.equals("static")) {
            Images.writeStream(vdi, raw, img, Map.of("static", "on"));
        } else {
            Images.writeFile(vdi, raw, img, Map.of("static", "off"));
        }
        Qemu.Info info = Qemu.info(img, "vdi");
        assertThat(info.format()).isEqualTo("vdi");
        assertThat(info.virtualSize()).isEqualTo(SIZE);
        Qemu.img("check", "-f", "vdi", img.toString());
        Qemu.img("compare", "-f", "vdi", "-F", "raw", img.toString(), raw.toString());
        ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(img), 0, 512).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(header.getInt(0x4C)).isEqualTo(subformat.equals("static") ? 2 : 1);
    }

    @Test
    void zeroBlocksReadAsZeroAndAreReportedAsZero() throws Exception {
        Path raw = Images.rawSample(dir, "in.raw", 3L << 20, 10);
        Path img = dir.resolve("z.vdi");
        Images.writeFile(vdi, raw, img, Map.of());
        byte[] file = Files.readAllBytes(img);
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(512 + 4, VdiImage.ZERO);
        Files.write(img, file);
        try (DiskImage image = Images.open(vdi, img)) {
            ByteBuffer block = ByteBuffer.allocate(1 << 20);
            image.read(1 << 20, block);
            assertThat(block.array()).containsOnly(0);
            var it = image.extents(1 << 20, 1 << 20);
            assertThat(it.next().type()).isEqualTo(ExtentType.ZERO);
        }
    }
}
