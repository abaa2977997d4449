package io.skyfed.image.vhdx;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyfed.image.DiskImage;
import io.skyfed.image.file.FileByteSource;
import io.skyfed.image.testkit.Images;
import io.skyfed.image.testkit.Qemu;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VhdxFormatTest {

    private static final long SIZE = (9L << 20) + 3 * 512;

    @TempDir
    Path dir;

    private final VhdxFormat vhdx = new VhdxFormat();

    @ParameterizedTest
    @ValueSource(strings = {"subformat=dynamic", "subformat=fixed", "subformat=dynamic,block_size=1M",
        "subformat=dynamic,block_state_zero=off,block_size=2M"})
    void readsWhatQemuWrites(String qemuOptions) throws Exception {
        Path raw = Images.rawSample(dir, "in.raw", SIZE, 4);
        Path img = dir.resolve("q.vhdx");
        Qemu.img("convert", "-f", "raw", "-O", "vhdx", "-o", qemuOptions, raw.toString(), img.toString());
        try (FileByteSource s = FileByteSource.open(img)) {
            assertThat(vhdx.probe(s)).isEqualTo(100);
        }
        try (DiskImage image = Images.open(vhdx, img)) {
            assertThat(image.virtualSize()).isEqualTo(Qemu.info(img, "vhdx").virtualSize()).isEqualTo(SIZE);
            assertThat(image.details().get("subformat")).isEqualTo(qemuOptions.contains("fixed") ? "fixed" : "dynamic");
            Path back = Images.readToRaw(image, dir.resolve("back.raw"));
            Qemu.img("compare", "-f", "raw", "-F", "raw", raw.toString(), back.toString());
        }
    }

    @Test
    void readsBeyondTheFirstChunkWhereSectorBitmapEntriesInterleave() throws Exception {
        // With 1 MiB blocks a chunk holds 4096 blocks (4 GiB): block 4096 sits after a sector bitmap entry.
        Path img = dir.resolve("big.vhdx");
        Qemu.img("create", "-f", "vhdx", "-o", "block_size=1M", img.toString(), "4100M");
        Process p = new ProcessBuilder("qemu-io", "-f", "vhdx", "-c", "write -P 0x5a 4097M 64k", img.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        try (DiskImage image = Images.open(vhdx, img)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(64 << 10);
            image.read(4097L << 20, buf);
            assertThat(buf.array()).containsOnly(0x5a);
            assertThat(Images.dataBytes(image)).isEqualTo(1L << 20);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dynamic", "fixed"})
    void writesWhatQemuReads(String subformat) throws Exception {
        Path raw = Images.rawSample(dir, "in.raw", SIZE, 5);
        Path img = dir.resolve("out.vhdx");
        if (subformat.equals("fixed")) {
            Images.writeStream(vhdx, raw, img, Map.of("subformat", "fixed", "block_size", "1M"));
        } else {
            Images.writeFile(vhdx, raw, img, Map.of("block_size", "1M"));
        }
        Qemu.Info info = Qemu.info(img, "vhdx");
        assertThat(info.format()).isEqualTo("vhdx");
        assertThat(info.virtualSize()).isEqualTo(SIZE);
        Qemu.img("check", "-f", "vhdx", img.toString());
        Qemu.img("compare", "-f", "vhdx", "-F", "raw", img.toString(), raw.toString());
        try (DiskImage image = Images.open(vhdx, img)) {
            assertThat(image.details()).containsEntry("subformat", subformat);
            if (subformat.equals("dynamic")) {
                assertThat(Files.size(img)).isLessThan(SIZE + (4L << 20));
            }
        }
    }
}
