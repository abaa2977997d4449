package io.skyfed.image.vhdx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.image.DiskImage;
import io.skyfed.image.ExtentType;
import io.skyfed.image.ImageFormatException;
import io.skyfed.image.OpenOptions;
import io.skyfed.image.file.FileByteSource;
import io.skyfed.image.formatkit.Guids;
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

/**
 * qemu cannot write (or read) differencing VHDX, so the child is made by hand from a disk we write: block 0
 * PARTIALLY_PRESENT (its first 8 sectors in the child), block 1 NOT_PRESENT (parent), block 2 ZERO (hides the
 * parent), block 3 FULLY_PRESENT.
 */
class VhdxDifferencingTest {

    private static final long SIZE = 4L << 20;
    private static final long MIB = 1 << 20;
    private static final UUID LOCATOR_TYPE = UUID.fromString("B04AEFB7-D19E-4A81-B789-25B8E9445913");

    @TempDir
    Path dir;

    private final VhdxFormat vhdx = new VhdxFormat();
    private final VhdxLayout layout = VhdxLayout.of(SIZE, Images.options(Map.of("block_size", "1M")));
    private byte[] parentBytes;
    private Path child;

    @BeforeEach
    void build() throws Exception {
        Path parentRaw = Images.rawSample(dir, "parent.raw", SIZE, 60);
        parentBytes = Files.readAllBytes(parentRaw);
        Path parent = dir.resolve("parent.vhdx");
        Images.writeFile(vhdx, parentRaw, parent, Map.of("block_size", "1M"));
        String linkage;
        try (DiskImage p = Images.open(vhdx, parent)) {
            linkage = "{" + p.details().get("data-write-guid") + "}";
        }
        Path childRaw = dir.resolve("child.raw");
        byte[] c = new byte[(int) SIZE];
        Arrays.fill(c, 0, (int) MIB, (byte) 0xAB);
        Arrays.fill(c, (int) MIB, (int) SIZE, (byte) 0xCD);
        Files.write(childRaw, c);
        child = dir.resolve("child.vhdx");
        Images.writeFile(vhdx, childRaw, child, Map.of("block_size", "1M"));
        Files.write(child, differencing(Files.readAllBytes(child), linkage, "parent.vhdx"));
    }

    private byte[] differencing(byte[] file, String linkage, String relativePath) {
        ByteBuffer b = ByteBuffer.wrap(Arrays.copyOf(file, file.length + (int) MIB)).order(ByteOrder.LITTLE_ENDIAN);
        int meta = (int) layout.metadataOffset();
        b.putInt(meta + VhdxMetadata.TABLE_SIZE + 4, 2);
        int locatorAt = VhdxMetadata.TABLE_SIZE + 4096;
        byte[] locator = locator(Map.of("parent_linkage", linkage, "relative_path", relativePath));
        b.put(meta + locatorAt, locator);
        b.putShort(meta + 10, (short) 6);
        Guids.writeMixed(b, meta + 32 + 5 * 32, VhdxMetadata.PARENT_LOCATOR);
        b.putInt(meta + 32 + 5 * 32 + 16, locatorAt);
        b.putInt(meta + 32 + 5 * 32 + 20, locator.length);
        b.putInt(meta + 32 + 5 * 32 + 24, 4 | 2);
        int bat = (int) layout.batOffset();
        long block0 = b.getLong(bat) >>> 20;
        b.putLong(bat, block0 << 20 | VhdxImage.PARTIALLY_PRESENT);
        b.putLong(bat + 8, VhdxImage.NOT_PRESENT);
        b.putLong(bat + 16, VhdxImage.ZERO);
        long bitmapAt = file.length;
        b.putLong(bat + 8 * (int) layout.chunkRatio(), (bitmapAt / MIB) << 20 | VhdxImage.FULLY_PRESENT);
        b.put((int) bitmapAt, (byte) 0xFF);
        return b.array();
    }

    private static byte[] locator(Map<String, String> entries) {
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        Guids.writeMixed(b, 0, LOCATOR_TYPE);
        b.putShort(18, (short) entries.size());
        int strings = 20 + entries.size() * 12;
        int i = 0;
        for (Map.Entry<String, String> e : entries.entrySet()) {
            byte[] k = e.getKey().getBytes(StandardCharsets.UTF_16LE);
            byte[] v = e.getValue().getBytes(StandardCharsets.UTF_16LE);
            b.putInt(20 + i * 12, strings);
            b.put(strings, k);
            strings += k.length;
            b.putInt(20 + i * 12 + 4, strings);
            b.put(strings, v);
            strings += v.length;
            b.putShort(20 + i * 12 + 8, (short) k.length);
            b.putShort(20 + i * 12 + 10, (short) v.length);
            i++;
        }
        return Arrays.copyOf(b.array(), strings);
    }

    @Test
    void refusesTheParentUnlessAllowed() {
        assertThatThrownBy(() -> Images.open(vhdx, child)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("parent images are not allowed");
    }

    @Test
    void readsEveryPayloadStateOverItsParent() throws Exception {
        byte[] expected = parentBytes.clone();
        Arrays.fill(expected, 0, 8 * 512, (byte) 0xAB);
        Arrays.fill(expected, (int) (2 * MIB), (int) (3 * MIB), (byte) 0);
        Arrays.fill(expected, (int) (3 * MIB), (int) SIZE, (byte) 0xCD);
        try (FileByteSource source = FileByteSource.open(child);
             DiskImage image = vhdx.open(source, OpenOptions.withBackingIn(List.of(dir)))) {
            assertThat(image.details()).containsEntry("subformat", "differencing");
            ByteBuffer all = ByteBuffer.allocate((int) SIZE);
            image.read(0, all);
            assertThat(all.array()).isEqualTo(expected);
            List<ExtentType> types = new ArrayList<>();
            image.extents(2 * MIB, MIB).forEachRemaining(e -> types.add(e.type()));
            assertThat(types).containsExactly(ExtentType.ZERO);
        }
    }

    @Test
    void refusesAParentWhoseDataWriteGuidDiffers() throws Exception {
        Files.write(child, differencing(Files.readAllBytes(child), "{" + UUID.randomUUID() + "}", "parent.vhdx"));
        try (FileByteSource source = FileByteSource.open(child)) {
            assertThatThrownBy(() -> vhdx.open(source, OpenOptions.withBackingIn(List.of(dir))))
                    .isInstanceOf(ImageFormatException.class).hasMessageContaining("parent_linkage");
        }
    }
}
