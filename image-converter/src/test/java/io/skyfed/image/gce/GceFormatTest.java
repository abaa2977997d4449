package io.skyfed.image.gce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.image.DiskImage;
import io.skyfed.image.ImageFormatException;
import io.skyfed.image.file.FileByteSource;
import io.skyfed.image.testkit.Images;
import io.skyfed.image.testkit.Qemu;
import io.skyfed.image.testkit.Shell;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GceFormatTest {

    private static final long SIZE = 64L << 20;

    @TempDir
    Path dir;

    private final GceFormat gce = new GceFormat();

    @Test
    void writesASparseArchiveThatGnuTarExtracts() throws Exception {
        Path raw = Images.rawSample(dir, "in.raw", SIZE, 11);
        Path img = dir.resolve("image.tar.gz");
        Images.writeStream(gce, raw, img, Map.of("gib_align", "off"));
        assertThat(Files.size(img)).as("holes must not inflate the archive").isLessThan(1 << 20);
        String listing = Shell.run(dir, "tar", "-tvzf", img.toString());
        assertThat(listing.strip().lines()).hasSize(1);
        assertThat(listing).contains(" disk.raw");
        Path out = Files.createDirectories(dir.resolve("x"));
        Shell.run(out, "tar", "-xSzf", img.toString());
        Path extracted = out.resolve("disk.raw");
        assertThat(Files.size(extracted)).isEqualTo(SIZE);
        assertThat(Files.mismatch(extracted, raw)).isEqualTo(-1);
        long blocks = Long.parseLong(Shell.run(out, "stat", "-c", "%b", "disk.raw").strip());
        assertThat(blocks * 512).as("extracted sparse").isLessThan(SIZE / 4);
        try (DiskImage image = Images.open(gce, img)) {
            assertThat(image.virtualSize()).isEqualTo(SIZE);
            Path back = Images.readToRaw(image, dir.resolve("back.raw"));
            assertThat(Files.mismatch(back, raw)).isEqualTo(-1);
        }
    }

    @Test
    void roundsUpToAWholeGibibyteByDefault() throws Exception {
        Path raw = Images.rawSample(dir, "in.raw", 3L << 20, 12);
        Path img = dir.resolve("image.tar.gz");
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            Images.copyRaw(raw, gce.create(new io.skyfed.image.WriteTarget.Seekable(ch), Files.size(raw),
                    Images.options(Map.of())));
        }
        try (DiskImage image = Images.open(gce, img)) {
            assertThat(image.virtualSize()).isEqualTo(1L << 30);
            Path back = Images.readToRaw(image, dir.resolve("back.raw"));
            Qemu.img("compare", "-f", "raw", "-F", "raw", raw.toString(), back.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--format=oldgnu -S", "--format=gnu -S", "--format=ustar", "--format=oldgnu", "--format=posix"})
    void readsWhatGnuTarWrites(String tarOptions) throws Exception {
        Path raw = Images.rawSample(dir, "disk.raw", 8L << 20, 13);
        Path img = dir.resolve("image.tar.gz");
        String[] cmd = ("tar " + tarOptions + " -czf " + img + " disk.raw").split(" ");
        Shell.run(dir, cmd);
        try (FileByteSource s = FileByteSource.open(img)) {
            assertThat(gce.probe(s)).isEqualTo(100);
        }
        try (DiskImage image = Images.open(gce, img)) {
            assertThat(image.virtualSize()).isEqualTo(8L << 20);
            if (tarOptions.contains("-S")) {
                assertThat(Images.dataBytes(image)).isLessThan(8L << 20);
            }
            Path back = Images.readToRaw(image, dir.resolve("back.raw"));
            assertThat(Files.mismatch(back, raw)).isEqualTo(-1);
            ByteBuffer early = ByteBuffer.allocate(4096);
            image.read(1536, early);
            assertThat(early.array()).isEqualTo(java.util.Arrays.copyOfRange(Files.readAllBytes(raw), 1536, 1536 + 4096));
        }
    }

    @Test
    void refusesOtherMembersAndPathsLeavingTheArchive() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "hello");
        Images.rawSample(dir, "disk.raw", 1L << 20, 14);
        Path two = dir.resolve("two.tar.gz");
        Shell.run(dir, "tar", "-czf", two.toString(), "notes.txt", "disk.raw");
        assertThatThrownBy(() -> Images.open(gce, two)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("only disk.raw");
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Path escape = dir.resolve("escape.tar.gz");
        Shell.run(sub, "tar", "-czf", escape.toString(), "-P", "../disk.raw");
        assertThatThrownBy(() -> Images.open(gce, escape)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("leaves the archive");
    }
}
