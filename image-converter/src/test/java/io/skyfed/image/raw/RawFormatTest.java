package io.skyfed.image.raw;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyfed.image.Converter;
import io.skyfed.image.DiskImage;
import io.skyfed.image.Extent;
import io.skyfed.image.ExtentType;
import io.skyfed.image.OpenOptions;
import io.skyfed.image.ProgressListener;
import io.skyfed.image.WriteOptions;
import io.skyfed.image.WriteTarget;
import io.skyfed.image.testing.Images;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawFormatTest {

    @TempDir
    Path dir;

    @Test
    void oddSizeIsPaddedToWholeSectorsOfZeros() throws Exception {
        Path f = dir.resolve("odd.raw");
        byte[] content = new byte[1000];
        java.util.Arrays.fill(content, (byte) 7);
        Files.write(f, content);
        try (DiskImage img = Images.open(f, "raw", OpenOptions.untrusted())) {
            assertThat(img.virtualSize()).isEqualTo(1024);
            ByteBuffer b = ByteBuffer.allocate(1024);
            img.read(0, b);
            assertThat(b.get(999)).isEqualTo((byte) 7);
            assertThat(b.get(1000)).isZero();
            assertThat(b.get(1023)).isZero();
        }
    }

    @Test
    void holesAreUnallocatedAndNeverRead() throws Exception {
        Path f = dir.resolve("sparse.raw");
        Images.rawWithData(f, 1L << 40, 0, 600L << 30);
        try (DiskImage img = Images.open(f, "raw", OpenOptions.untrusted())) {
            List<Extent> extents = new ArrayList<>();
            for (Iterator<Extent> it = img.extents(0, img.virtualSize()); it.hasNext(); ) {
                extents.add(it.next());
            }
            long data = extents.stream().filter(e -> e.type() == ExtentType.DATA).mapToLong(Extent::length).sum();
            assertThat(data).isLessThan(4L << 20);
            assertThat(extents).anySatisfy(e -> assertThat(e.type()).isEqualTo(ExtentType.UNALLOCATED));
            assertThat(extents.get(extents.size() - 1).end()).isEqualTo(1L << 40);
        }
    }

    @Test
    void writesFilesSparseAndStreamsWhole() throws Exception {
        Path src = dir.resolve("src.raw");
        Images.rawWithData(src, 64L << 20, 0, 32L << 20);
        Path out = dir.resolve("out.raw");
        try (DiskImage img = Images.open(src, "raw", OpenOptions.untrusted());
             var ch = java.nio.channels.FileChannel.open(out, java.nio.file.StandardOpenOption.CREATE,
                     java.nio.file.StandardOpenOption.WRITE)) {
            new Converter().convert(img, new RawFormat(), new WriteTarget.Seekable(ch), WriteOptions.defaults(),
                    ProgressListener.NONE);
        }
        assertThat(Files.size(out)).isEqualTo(64L << 20);
        assertThat(Images.digestRaw(out, 64L << 20)).isEqualTo(Images.digestRaw(src, 64L << 20));
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        try (DiskImage img = Images.open(src, "raw", OpenOptions.untrusted())) {
            new Converter().convert(img, new RawFormat(), new WriteTarget.Stream(stream), WriteOptions.defaults(),
                    ProgressListener.NONE);
        }
        assertThat(stream.size()).isEqualTo(64 << 20);
        assertThat(stream.toByteArray()).isEqualTo(Files.readAllBytes(src));
    }
}
