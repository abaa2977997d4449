package io.skyfed.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyfed.image.file.FileByteSource;
import io.skyfed.image.testing.Images;
import io.skyfed.image.testing.Qemu;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our readers against images qemu-img wrote, and qemu-img against images our writers wrote. */
class QemuInteropTest {

    /** Not a multiple of any cluster or grain size, data in the first, a middle and the last cluster. */
    private static final long SIZE = (10L << 20) + 3 * 512;

    @TempDir
    static Path dir;
    static Path raw;
    static String rawDigest;

    @BeforeAll
    static void source() throws Exception {
        raw = dir.resolve("src.raw");
        Images.rawWithData(raw, SIZE, 0, 1_000_000, 3_333_333, SIZE - 4096);
        rawDigest = Images.digestRaw(raw, SIZE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "qcow2 -o compat=0.10", "qcow2 -o compat=0.10 -c", "qcow2", "qcow2 -c", "qcow2 -o cluster_size=512",
        "qcow2 -o cluster_size=2M", "qcow2 -o cluster_size=2M -c", "qcow2 -o compression_type=zstd -c",
        "qcow2 -o extended_l2=on", "qcow2 -o refcount_bits=1", "qcow2 -o refcount_bits=64",
        "qcow2 -o lazy_refcounts=on", "vmdk -o subformat=monolithicSparse", "vmdk -o subformat=streamOptimized",
        "vmdk -o subformat=monolithicFlat", "vmdk -o subformat=twoGbMaxExtentSparse",
        "vmdk -o subformat=twoGbMaxExtentFlat", "vmdk -o zeroed_grain=on"})
    void readsWhatQemuWrites(String spec) throws Exception {
        List<String> args = Arrays.asList(spec.split(" "));
        String format = args.get(0);
        Path image = dir.resolve("q-" + spec.replaceAll("[^a-zA-Z0-9]", "_") + "." + format);
        String[] cmd = concat(List.of("qemu-img", "convert", "-f", "raw", "-O"), args, List.of(raw.toString(), image.toString()));
        Qemu.ok(dir, cmd);
        try (FileByteSource probe = FileByteSource.open(image)) {
            assertThat(FormatRegistry.load().detect(probe).name()).isEqualTo(format);
        }
        try (DiskImage img = Images.open(image, format, OpenOptions.untrusted())) {
            assertThat(img.virtualSize()).isEqualTo(SIZE);
            assertThat(Images.digest(img)).isEqualTo(rawDigest);
            assertThat(dataBytes(img)).as("allocated data").isLessThan(SIZE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "raw", "qcow2", "qcow2 compat=0.10", "qcow2 -c", "qcow2 cluster_size=512", "qcow2 cluster_size=2M -c",
        "qcow2 compression_type=zstd -c", "qcow2 refcount_bits=1 -c", "qcow2 refcount_bits=64", "qcow2 cluster_size=4k -c",
        "vmdk subformat=monolithicSparse", "vmdk subformat=streamOptimized", "vmdk subformat=streamOptimized,adapter_type=lsilogic"})
    void qemuAcceptsWhatWeWrite(String spec) throws Exception {
        List<String> args = Arrays.asList(spec.split(" "));
        String format = args.get(0);
        boolean compress = args.contains("-c");
        Map<String, String> opts = args.size() > 1 && !args.get(1).equals("-c") ? WriteOptions.parse(args.get(1)) : Map.of();
        Path out = dir.resolve("w-" + spec.replaceAll("[^a-zA-Z0-9]", "_") + "." + format);
        FormatRegistry registry = FormatRegistry.load();
        try (DiskImage src = Images.open(raw, "raw", OpenOptions.untrusted());
             FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING)) {
            new Converter().convert(src, registry.require(format), new WriteTarget.Seekable(ch),
                    new WriteOptions(opts, compress, 2), ProgressListener.NONE);
        }
        if (!format.equals("raw")) {
            assertThat(Qemu.run(dir, "qemu-img", "check", "-f", format, out.toString()).exit()).isZero();
        }
        String info = Qemu.ok(dir, "qemu-img", "info", "--output=json", "-f", format, out.toString());
        assertThat(info).contains("\"virtual-size\": " + SIZE);
        assertThat(Qemu.ok(dir, "qemu-img", "compare", "-f", "raw", "-F", format, raw.toString(), out.toString()))
                .contains("Images are identical");
        try (DiskImage back = Images.open(out, format, OpenOptions.untrusted())) {
            assertThat(Images.digest(back)).isEqualTo(rawDigest);
        }
    }

    private static long dataBytes(DiskImage img) throws IOException {
        long total = 0;
        var it = img.extents(0, img.virtualSize());
        while (it.hasNext()) {
            Extent e = it.next();
            if (e.type() == ExtentType.DATA) {
                total += e.length();
            }
        }
        return total;
    }

    private static String[] concat(List<String> a, List<String> b, List<String> c) {
        return java.util.stream.Stream.of(a, b, c).flatMap(List::stream).toArray(String[]::new);
    }
}
