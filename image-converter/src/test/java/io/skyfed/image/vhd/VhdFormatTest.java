package io.skyfed.image.vhd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.image.DiskImage;
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

class VhdFormatTest {

    private static final long SIZE = (5L << 20) + 7 * 512;

    @TempDir
    Path dir;

    private final VhdFormat vpc = new VhdFormat();

    @ParameterizedTest
    @ValueSource(strings = {"subformat=fixed", "subformat=dynamic", "subformat=fixed,force_size=on",
        "subformat=dynamic,force_size=on"})
    void readsWhatQemuWrites(String qemuOptions) throws Exception {
        Path raw = Images.rawSample(dir, "in.raw", SIZE, 1);
        Path vhd = dir.resolve("q.vhd");
        Qemu.img("convert", "-f", "raw", "-O", "vpc", "-o", qemuOptions, raw.toString(), vhd.toString());
        assertThat(vpc.probe(io.skyfed.image.file.FileByteSource.open(vhd))).isEqualTo(100);
        try (DiskImage image = Images.open(vpc, vhd)) {
            assertThat(image.virtualSize()).isEqualTo(Qemu.info(vhd, "vpc").virtualSize());
            Path back = Images.readToRaw(image, dir.resolve("back.raw"));
            Qemu.img("compare", "-f", "vpc", "-F", "raw", vhd.toString(), back.toString());
            Qemu.img("compare", "-f", "raw", "-F", "raw", raw.toString(), back.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fixed", "dynamic"})
    void writesWhatQemuReads(String subformat) throws Exception {
        Path raw = Images.rawSample(dir, "in.raw", SIZE, 2);
        Path vhd = dir.resolve("out.vhd");
        Map<String, String> opts = Map.of("subformat", subformat, "force_size", "on");
        if (subformat.equals("fixed")) {
            Images.writeStream(vpc, raw, vhd, opts);
            assertThat(Files.size(vhd)).isEqualTo(SIZE + 512);
        } else {
            Images.writeFile(vpc, raw, vhd, opts);
        }
        Qemu.Info info = Qemu.info(vhd, "vpc");
        assertThat(info.format()).isEqualTo("vpc");
        assertThat(info.virtualSize()).isEqualTo(SIZE);
        assertThat(footer(vhd).getInt(60)).as("disk type").isEqualTo(subformat.equals("fixed") ? 2 : 3);
        Qemu.img("compare", "-f", "vpc", "-F", "raw", vhd.toString(), raw.toString());
        try (DiskImage image = Images.open(vpc, vhd)) {
            assertThat(image.virtualSize()).isEqualTo(SIZE);
            assertThat(image.details()).containsEntry("subformat", subformat).containsEntry("creator", "qem2");
        }
    }

    @Test
    void dynamicBlocksNeverWrittenAreUnallocated() throws Exception {
        Path raw = dir.resolve("sparse.raw");
        try (var ch = java.nio.channels.FileChannel.open(raw, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 0);
            ch.write(ByteBuffer.wrap(new byte[] {4}), (8L << 20) - 1);
        }
        Path vhd = dir.resolve("sparse.vhd");
        Qemu.img("convert", "-f", "raw", "-O", "vpc", "-o", "force_size=on", raw.toString(), vhd.toString());
        try (DiskImage image = Images.open(vpc, vhd)) {
            assertThat(Images.dataBytes(image)).isEqualTo(4L << 20);
            ByteBuffer tail = ByteBuffer.allocate(2);
            image.read((8L << 20) - 2, tail);
            assertThat(tail.array()).containsExactly(0, 4);
        }
    }

    @Test
    void withoutForceSizeRoundsUpToTheGeometryLikeQemu() throws Exception {
        Path ours = dir.resolve("ours.vhd");
        Path raw = dir.resolve("zero.raw");
        Files.write(raw, new byte[0]);
        try (var ch = java.nio.channels.FileChannel.open(raw, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(0);
            ch.write(ByteBuffer.allocate(1), (64L << 20) - 1);
        }
        Images.writeFile(vpc, raw, ours, Map.of());
        Path theirs = dir.resolve("theirs.vhd");
        Qemu.img("create", "-f", "vpc", theirs.toString(), "64M");
        assertThat(Qemu.info(ours, "vpc").virtualSize()).isEqualTo(67_125_248L)
                .isEqualTo(Qemu.info(theirs, "vpc").virtualSize());
        ByteBuffer a = footer(ours);
        ByteBuffer b = footer(theirs);
        assertThat(a.getInt(56)).as("CHS").isEqualTo(b.getInt(56)).isEqualTo((964 << 16) | (8 << 8) | 17);
        assertThat(a.getLong(48)).isEqualTo(b.getLong(48));
    }

    @Test
    void azureAlignRoundsUpToWholeMebibytesAndWritesCurrentSize() throws Exception {
        Path raw = Images.rawSample(dir, "in.raw", (64L << 20) + 512, 3);
        Path vhd = dir.resolve("azure.vhd");
        Images.writeStream(vpc, raw, vhd, Map.of("subformat", "fixed", "azure_align", "on"));
        assertThat(Files.size(vhd)).isEqualTo((65L << 20) + 512);
        ByteBuffer f = footer(vhd);
        assertThat(f.getLong(48)).isEqualTo(65L << 20);
        assertThat(new String(new byte[] {f.get(28), f.get(29), f.get(30), f.get(31)})).isEqualTo("qem2");
        Qemu.img("compare", "-f", "vpc", "-F", "raw", vhd.toString(), raw.toString());
        Path imgtool = Path.of("").toAbsolutePath().getParent().resolve("../shared/images/imgtool.py").normalize();
        assertThat(io.skyfed.image.testkit.Shell.run(dir, "python3", imgtool.toString(), "vhd-info", vhd.toString()))
                .contains("\"azure_ok\": true").contains("\"checksum_ok\": true");
    }

    @Test
    void rejectsUnknownOptionsAndDynamicToAStream() {
        assertThatThrownBy(() -> VhdLayout.of(1 << 20, Images.options(Map.of("subformt", "fixed"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subformt");
        assertThatThrownBy(() -> vpc.create(new io.skyfed.image.WriteTarget.Stream(java.io.OutputStream.nullOutputStream()),
                1 << 20, Images.options(Map.of()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seekable");
        assertThatThrownBy(() -> VhdLayout.of(2041L << 30, Images.options(Map.of("force_size", "on"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2040 GiB");
    }

    private static ByteBuffer footer(Path vhd) throws Exception {
        byte[] all = Files.readAllBytes(vhd);
        return ByteBuffer.wrap(all, all.length - 512, 512).slice().order(ByteOrder.BIG_ENDIAN);
    }
}
