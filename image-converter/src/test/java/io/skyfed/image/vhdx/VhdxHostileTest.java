package io.skyfed.image.vhdx;

import static io.skyfed.image.testkit.Hostile.assertRefused;

import io.skyfed.image.testkit.Images;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hand-made hostile VHDXs: a valid dynamic disk with one structure made hostile (CRCs re-stamped where needed). */
@Timeout(30)
class VhdxHostileTest {

    private static final int REGION = (int) VhdxRegionTable.FIRST_AT;
    private static final int REGION2 = (int) VhdxRegionTable.SECOND_AT;

    @TempDir
    Path dir;

    private final VhdxFormat vhdx = new VhdxFormat();
    private final VhdxLayout layout = VhdxLayout.of(4L << 20, Images.options(Map.of("block_size", "1M")));
    private byte[] valid;

    @BeforeEach
    void build() throws Exception {
        Path raw = Images.rawSample(dir, "in.raw", 4L << 20, 31);
        Path img = dir.resolve("ok.vhdx");
        Images.writeFile(vhdx, raw, img, Map.of("block_size", "1M"));
        valid = Files.readAllBytes(img);
    }

    private ByteBuffer mutable() {
        return ByteBuffer.wrap(valid.clone()).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void restamp(ByteBuffer b, int at, int length) {
        ByteBuffer s = ByteBuffer.wrap(b.array(), at, length).slice().order(ByteOrder.LITTLE_ENDIAN);
        Crc32c.stamp(s, 4, length);
    }

    private static void regionEntry(ByteBuffer b, int index, UUID id, long offset, long length, boolean required) {
        for (int table : new int[] {REGION, REGION2}) {
            ByteBuffer s = ByteBuffer.wrap(b.array(), table, VhdxRegionTable.SIZE).slice().order(ByteOrder.LITTLE_ENDIAN);
            s.putInt(8, Math.max(s.getInt(8), index + 1));
            io.skyfed.image.formatkit.Guids.writeMixed(s, 16 + index * 32, id);
            s.putLong(16 + index * 32 + 16, offset);
            s.putInt(16 + index * 32 + 24, (int) length);
            s.putInt(16 + index * 32 + 28, required ? 1 : 0);
            Crc32c.stamp(s, 4, VhdxRegionTable.SIZE);
        }
    }

    @Test
    void bothHeadersCorrupt() {
        ByteBuffer b = mutable();
        b.put((int) VhdxHeader.FIRST_AT + 100, (byte) 1);
        b.put((int) VhdxHeader.SECOND_AT + 100, (byte) 1);
        assertRefused(vhdx, b.array(), "neither VHDX header");
    }

    @Test
    void bothRegionTablesCorrupt() {
        ByteBuffer b = mutable();
        b.put(REGION + 200, (byte) 1);
        b.put(REGION2 + 200, (byte) 1);
        assertRefused(vhdx, b.array(), "neither VHDX region table");
    }

    @Test
    void unknownRequiredRegion() {
        ByteBuffer b = mutable();
        regionEntry(b, 2, UUID.randomUUID(), 8L << 20, 1 << 20, true);
        assertRefused(vhdx, b.array(), "requires region");
    }

    @Test
    void tooManyRegionEntries() {
        ByteBuffer b = mutable();
        for (int table : new int[] {REGION, REGION2}) {
            b.putInt(table + 8, 100_000);
            restamp(b, table, VhdxRegionTable.SIZE);
        }
        assertRefused(vhdx, b.array(), "at most 2047");
    }

    @Test
    void batRegionPastTheEnd() {
        ByteBuffer b = mutable();
        regionEntry(b, 0, VhdxRegionTable.BAT, 1L << 40, 1 << 20, true);
        assertRefused(vhdx, b.array(), "past the end");
    }

    @Test
    void metadataItemOutsideItsRegion() {
        ByteBuffer b = mutable();
        b.putInt((int) layout.metadataOffset() + 32 + 16, 2 << 20);
        assertRefused(vhdx, b.array(), "outside the metadata region");
    }

    @Test
    void tooManyMetadataEntries() {
        ByteBuffer b = mutable();
        b.putShort((int) layout.metadataOffset() + 10, (short) 4000);
        assertRefused(vhdx, b.array(), "at most 2047");
    }

    @Test
    void blockSizeNotAPowerOfTwo() {
        ByteBuffer b = mutable();
        b.putInt((int) layout.metadataOffset() + VhdxMetadata.TABLE_SIZE, 3 << 20);
        assertRefused(vhdx, b.array(), "block size");
    }

    @Test
    void hugeDiskWithSmallBlocksExceedsTheMetadataLimit() {
        ByteBuffer b = mutable();
        b.putLong((int) layout.metadataOffset() + VhdxMetadata.TABLE_SIZE + 8, 60L << 40);
        assertRefused(vhdx, b.array(), "too small");
    }

    @Test
    void blockPastTheEnd() {
        ByteBuffer b = mutable();
        b.putLong((int) layout.batOffset(), (1L << 30) << 20 | VhdxImage.FULLY_PRESENT);
        assertRefused(vhdx, b.array(), "past the end");
    }

    @Test
    void twoBlocksAtTheSameOffset() {
        ByteBuffer b = mutable();
        b.putLong((int) layout.batOffset() + 8, b.getLong((int) layout.batOffset()));
        assertRefused(vhdx, b.array(), "overlap");
    }

    @Test
    void blockOverTheBat() {
        ByteBuffer b = mutable();
        b.putLong((int) layout.batOffset(), (layout.batOffset() >> 20) << 20 | VhdxImage.FULLY_PRESENT);
        assertRefused(vhdx, b.array(), "overlaps the BAT");
    }

    @Test
    void partiallyPresentWithoutParent() {
        ByteBuffer b = mutable();
        b.putLong((int) layout.batOffset(), b.getLong((int) layout.batOffset()) | VhdxImage.PARTIALLY_PRESENT);
        assertRefused(vhdx, b.array(), "partially present");
    }

    @Test
    void differencingWithoutPermission() {
        ByteBuffer b = mutable();
        int params = (int) layout.metadataOffset() + VhdxMetadata.TABLE_SIZE;
        b.putInt(params + 4, 2);
        assertRefused(vhdx, b.array(), "parent locator");
    }

    @Test
    void logPastTheEnd() {
        ByteBuffer b = mutable();
        ByteBuffer h = ByteBuffer.wrap(b.array(), (int) VhdxHeader.FIRST_AT, VhdxHeader.SIZE).slice();
        VhdxHeader cur = VhdxHeader.parseOrNull(h);
        VhdxHeader bad = new VhdxHeader(9, cur.fileWriteGuid(), cur.dataWriteGuid(), UUID.randomUUID(), 1 << 20,
                1L << 40);
        b.put((int) VhdxHeader.FIRST_AT, bad.encode().array());
        assertRefused(vhdx, b.array(), "past the end");
    }

    @Test
    void logOfOverlappingFullLengthEntriesIsBounded() {
        ByteBuffer b = mutable();
        UUID logGuid = UUID.randomUUID();
        ByteBuffer h = ByteBuffer.wrap(b.array(), (int) VhdxHeader.FIRST_AT, VhdxHeader.SIZE).slice();
        VhdxHeader cur = VhdxHeader.parseOrNull(h);
        b.put((int) VhdxHeader.FIRST_AT, new VhdxHeader(9, cur.fileWriteGuid(), cur.dataWriteGuid(), logGuid,
                cur.logLength(), cur.logOffset()).encode().array());
        for (int at = 0; at < cur.logLength(); at += 4096) {
            int e = (int) cur.logOffset() + at;
            b.put(e, "loge".getBytes());
            b.putInt(e + 8, cur.logLength());
            b.putLong(e + 16, 1 + at / 4096);
            io.skyfed.image.formatkit.Guids.writeMixed(b, e + 32, logGuid);
        }
        assertRefused(vhdx, b.array(), "too many overlapping entries");
    }

    @Test
    void notAVhdx() {
        assertRefused(vhdx, new byte[4096], "not a VHDX");
        assertRefused(vhdx, java.util.Arrays.copyOf(valid, 100_000), "past the end");
    }
}
