package io.skyfed.image.vhd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.image.DiskImage;
import io.skyfed.image.Extent;
import io.skyfed.image.ExtentType;
import io.skyfed.image.ImageFormatException;
import io.skyfed.image.OpenOptions;
import io.skyfed.image.file.FileByteSource;
import io.skyfed.image.testkit.Images;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** qemu cannot write differencing VHDs, so the child here is built by hand over a parent we write. */
class VhdDifferencingTest {

    private static final long SIZE = 4L << 20;

    @TempDir
    Path dir;

    private final VhdFormat vpc = new VhdFormat();
    private Path parentRaw;
    private Path child;

    @BeforeEach
    void build() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("images"));
        parentRaw = Images.rawSample(dir, "parent.raw", SIZE, 9);
        Path parent = sub.resolve("parent.vhd");
        Images.writeFile(vpc, parentRaw, parent, Map.of("force_size", "on"));
        UUID parentId;
        try (DiskImage p = Images.open(vpc, parent)) {
            parentId = UUID.fromString((String) p.details().get("uuid"));
        }
        child = sub.resolve("child.vhd");
        Files.write(child, differencing(parentId, "parent.vhd"));
    }

    /** One present block (block 0) whose first 8 sectors hold 0xAB; everything else comes from the parent. */
    static byte[] differencing(UUID parentId, String parentPath) {
        int bitmap = VhdImage.bitmapBytes(VhdDynamicWriter.BLOCK_SIZE);
        int blocks = (int) (SIZE / VhdDynamicWriter.BLOCK_SIZE);
        long locatorAt = 512 + 1024 + 512;
        long blockAt = locatorAt + 512;
        int total = (int) (blockAt + bitmap + VhdDynamicWriter.BLOCK_SIZE + 512);
        ByteBuffer file = ByteBuffer.allocate(total).order(ByteOrder.BIG_ENDIAN);
        VhdFooter footer = new VhdFooter(512, 0, "win ", SIZE, SIZE, VhdGeometry.covering(SIZE / 512),
                VhdFooter.DIFFERENCING, UUID.randomUUID());
        file.put(0, footer.encode().array());
        file.put(total - 512, footer.encode().array());
        ByteBuffer header = VhdDynamicHeader.encodeDynamic(512 + 1024, blocks, VhdDynamicWriter.BLOCK_SIZE);
        io.skyfed.image.formatkit.Guids.writeBigEndian(header, 40, parentId);
        header.put(64, parentPath.getBytes(StandardCharsets.UTF_16BE));
        byte[] locator = parentPath.getBytes(StandardCharsets.UTF_16LE);
        header.put(576, "W2ru".getBytes(StandardCharsets.US_ASCII));
        header.putInt(576 + 4, 1);
        header.putInt(576 + 8, locator.length);
        header.putLong(576 + 16, locatorAt);
        header.putInt(36, VhdChecksum.compute(header, 36));
        file.put(512, header.array());
        file.put((int) locatorAt, locator);
        int[] bat = new int[blocks];
        Arrays.fill(bat, -1);
        bat[0] = (int) (blockAt / 512);
        for (int i = 0; i < blocks; i++) {
            file.putInt(512 + 1024 + 4 * i, bat[i]);
        }
        file.put((int) blockAt, (byte) 0xFF);
        byte[] data = new byte[8 * 512];
        Arrays.fill(data, (byte) 0xAB);
        file.put((int) blockAt + bitmap, data);
        return file.array();
    }

    @Test
    void concurrentReadersSeeTheSameBytes() throws Exception {
        byte[] expected = Files.readAllBytes(parentRaw);
        Arrays.fill(expected, 0, 8 * 512, (byte) 0xAB);
        try (FileByteSource source = FileByteSource.open(child);
             DiskImage image = vpc.open(source, OpenOptions.withBackingIn(List.of(dir)))) {
            var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int seed = t;
                    results.add(pool.submit(() -> {
                        java.util.Random r = new java.util.Random(seed);
                        for (int i = 0; i < 200; i++) {
                            int at = r.nextInt((int) SIZE / 512 - 16) * 512;
                            ByteBuffer b = ByteBuffer.allocate(16 * 512);
                            image.read(at, b);
                            if (!Arrays.equals(b.array(), Arrays.copyOfRange(expected, at, at + 16 * 512))) {
                                return false;
                            }
                        }
                        return true;
                    }));
                }
                for (var f : results) {
                    assertThat(f.get()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void refusesTheParentUnlessAllowed() {
        assertThatThrownBy(() -> Images.open(vpc, child)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("parent images are not allowed");
    }

    @Test
    void refusesAParentOutsideTheAllowList() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        try (FileByteSource source = FileByteSource.open(child)) {
            assertThatThrownBy(() -> vpc.open(source, OpenOptions.withBackingIn(List.of(elsewhere))))
                    .isInstanceOf(ImageFormatException.class).hasMessageContaining("outside the allowed directories");
        }
    }

    @Test
    void refusesAParentThatClimbsOutOfTheAllowedDirectory() throws Exception {
        Path up = dir.resolve("images/up.vhd");
        try (DiskImage p = Images.open(vpc, dir.resolve("images/parent.vhd"))) {
            Files.write(up, differencing(UUID.fromString((String) p.details().get("uuid")), "../parent.raw"));
        }
        try (FileByteSource source = FileByteSource.open(up)) {
            assertThatThrownBy(() -> vpc.open(source, OpenOptions.withBackingIn(List.of(dir.resolve("images")))))
                    .isInstanceOf(ImageFormatException.class).hasMessageContaining("outside the allowed directories");
        }
    }

    @Test
    void refusesAParentWithAnotherId() throws Exception {
        Files.write(child, differencing(UUID.randomUUID(), "parent.vhd"));
        try (FileByteSource source = FileByteSource.open(child)) {
            assertThatThrownBy(() -> vpc.open(source, OpenOptions.withBackingIn(List.of(dir))))
                    .isInstanceOf(ImageFormatException.class).hasMessageContaining("unique id");
        }
    }

    @Test
    void readsThroughToTheParentWhereTheSectorBitmapIsClear() throws Exception {
        byte[] expected = Files.readAllBytes(parentRaw);
        Arrays.fill(expected, 0, 8 * 512, (byte) 0xAB);
        try (FileByteSource source = FileByteSource.open(child);
             DiskImage image = vpc.open(source, OpenOptions.withBackingIn(List.of(dir)))) {
            assertThat(image.virtualSize()).isEqualTo(SIZE);
            ByteBuffer all = ByteBuffer.allocate((int) SIZE);
            image.read(0, all);
            assertThat(all.array()).isEqualTo(expected);
            ByteBuffer straddle = ByteBuffer.allocate(1024);
            image.read(7 * 512 + 100, straddle);
            assertThat(straddle.array()).isEqualTo(Arrays.copyOfRange(expected, 7 * 512 + 100, 7 * 512 + 1124));
            List<Extent> extents = new ArrayList<>();
            image.extents(0, SIZE).forEachRemaining(extents::add);
            assertThat(extents.get(0).offset()).isZero();
            assertThat(extents.get(0).type()).as("child data merged with the parent's").isEqualTo(ExtentType.DATA);
            assertThat(extents.get(extents.size() - 1).end()).isEqualTo(SIZE);
        }
    }
}
