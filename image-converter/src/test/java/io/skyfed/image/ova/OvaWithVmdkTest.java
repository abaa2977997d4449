package io.skyfed.image.ova;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyfed.image.DiskImage;
import io.skyfed.image.testkit.Images;
import io.skyfed.image.testkit.Qemu;
import io.skyfed.image.testkit.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OVAs around real streamOptimized VMDKs, written and read by qemu-img on the other side. */
class OvaWithVmdkTest {

    private static final long SIZE = (5L << 20) + 512;

    @TempDir
    Path dir;

    private final OvaFormat ova = new OvaFormat();
    private Path imgtool;

    @BeforeEach
    void locateImgtool() {
        imgtool = Path.of("").toAbsolutePath().getParent().resolve("../shared/images/imgtool.py").normalize();
    }

    @Test
    void readsAnOvaPackedAroundAVmdkQemuWrote() throws Exception {
        Path raw = Images.rawSample(dir, "in.raw", SIZE, 40);
        Path vmdk = dir.resolve("d.vmdk");
        Qemu.img("convert", "-f", "raw", "-O", "vmdk", "-o", "subformat=streamOptimized", raw.toString(),
                vmdk.toString());
        Path img = dir.resolve("q.ova");
        Shell.run(dir, "python3", imgtool.toString(), "ova-pack", img.toString(), vmdk.toString(), "--capacity",
                Long.toString(SIZE));
        try (DiskImage image = Images.open(ova, img)) {
            assertThat(image.details()).containsEntry("disk-format", "vmdk").containsEntry("manifest-verified", true);
            assertThat(Files.mismatch(Images.readToRaw(image, dir.resolve("back.raw")), raw)).isEqualTo(-1);
        }
    }

    @Test
    void writesAnOvaQemuReadsTheDiskOf() throws Exception {
        Path raw = Images.rawSample(dir, "in.raw", SIZE, 41);
        Path img = dir.resolve("out.ova");
        Images.writeStream(ova, raw, img, Map.of("subformat", "streamOptimized"));
        String spec = Shell.run(dir, "python3", imgtool.toString(), "ova-locate", "--json", "--strict",
                img.toString()).strip();
        Qemu.img("compare", spec, "-F", "raw", raw.toString());
    }
}
