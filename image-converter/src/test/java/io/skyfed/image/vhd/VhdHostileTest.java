package io.skyfed.image.vhd;

import static io.skyfed.image.testkit.Hostile.assertRefused;

import io.skyfed.image.testkit.Images;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hand-made hostile VHDs: each is a valid dynamic disk with one field made hostile and the checksums fixed. */
@Timeout(30)
class VhdHostileTest {

    private static final int HEADER = 512;
    private static final int BAT = 1536;

    @TempDir
    Path dir;

    private final VhdFormat vpc = new VhdFormat();
    private byte[] valid;

    @BeforeEach
    void build() throws Exception {
        Path raw = Images.rawSample(dir, "in.raw", 6L << 20, 30);
        Path vhd = dir.resolve("ok.vhd");
        Images.writeFile(vpc, raw, vhd, Map.of("force_size", "on"));
        valid = Files.readAllBytes(vhd);
    }

    private ByteBuffer mutable() {
        return ByteBuffer.wrap(valid.clone()).order(ByteOrder.BIG_ENDIAN);
    }

    /** Recomputes the footer (both copies) and dynamic header checksums, so deeper checks are reached. */
    private static byte[] sealed(ByteBuffer b) {
        int end = b.capacity() - 512;
        b.put(end, b.array(), 0, 512);
        for (int at : new int[] {0, end}) {
            ByteBuffer f = ByteBuffer.wrap(b.array(), at, 512).slice();
            f.putInt(64, VhdChecksum.compute(f, 64));
        }
        ByteBuffer h = ByteBuffer.wrap(b.array(), HEADER, 1024).slice();
        h.putInt(36, VhdChecksum.compute(h, 36));
        return b.array();
    }

    @Test
    void footerChecksum() {
        ByteBuffer b = mutable();
        b.put(48 + 7, (byte) 1);
        b.put(b.capacity() - 512 + 48 + 7, (byte) 1);
        assertRefused(vpc, b.array(), "checksum mismatch");
    }

    @Test
    void dynamicHeaderChecksum() {
        ByteBuffer b = mutable();
        b.put(HEADER + 100, (byte) 7);
        assertRefused(vpc, b.array(), "dynamic header checksum");
    }

    @Test
    void tableOffsetPastTheEnd() {
        ByteBuffer b = mutable();
        b.putLong(HEADER + 16, 1L << 40);
        assertRefused(vpc, sealed(b), "past the end");
    }

    @Test
    void tinyBlocksOnAHugeDiskExceedTheMetadataLimit() {
        ByteBuffer b = mutable();
        b.putLong(48, 2000L << 30);
        b.putInt(HEADER + 28, -1);
        b.putInt(HEADER + 32, 512);
        assertRefused(vpc, sealed(b), "metadata limit");
    }

    @Test
    void blockSizeNotAPowerOfTwo() {
        ByteBuffer b = mutable();
        b.putInt(HEADER + 32, 3 << 20);
        assertRefused(vpc, sealed(b), "block size");
    }

    @Test
    void tooLarge() {
        ByteBuffer b = mutable();
        b.putLong(48, 2041L << 30);
        assertRefused(vpc, sealed(b), "2040 GiB");
    }

    @Test
    void twoBlocksSharingSpace() {
        ByteBuffer b = mutable();
        b.putInt(BAT + 4, b.getInt(BAT));
        assertRefused(vpc, sealed(b), "overlap");
    }

    @Test
    void blockOverTheTable() {
        ByteBuffer b = mutable();
        b.putInt(BAT, BAT / 512);
        assertRefused(vpc, sealed(b), "overlaps the disk's metadata");
    }

    @Test
    void blockPastTheEnd() {
        ByteBuffer b = mutable();
        b.putInt(BAT + 8, 0x7FFF_FFF0);
        assertRefused(vpc, sealed(b), "past the end");
    }

    @Test
    void differencingWithoutPermission() {
        ByteBuffer b = mutable();
        b.putInt(60, VhdFooter.DIFFERENCING);
        assertRefused(vpc, sealed(b), "not allowed");
    }

    @Test
    void unknownDiskType() {
        ByteBuffer b = mutable();
        b.putInt(60, 9);
        assertRefused(vpc, sealed(b), "disk type");
    }

    @Test
    void truncatedAndTiny() {
        assertRefused(vpc, new byte[100], "too small");
        assertRefused(vpc, java.util.Arrays.copyOf(valid, 4096), "past the end");
    }
}
