package io.skyfed.image.vdi;

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

@Timeout(30)
class VdiHostileTest {

    private static final int MAP = 512;

    @TempDir
    Path dir;

    private final VdiFormat vdi = new VdiFormat();
    private byte[] valid;

    @BeforeEach
    void build() throws Exception {
        Path raw = Images.rawSample(dir, "in.raw", 4L << 20, 32);
        Path img = dir.resolve("ok.vdi");
        Images.writeFile(vdi, raw, img, Map.of());
        valid = Files.readAllBytes(img);
    }

    private ByteBuffer mutable() {
        return ByteBuffer.wrap(valid.clone()).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void slotBeyondTheImage() {
        ByteBuffer b = mutable();
        b.putInt(MAP, 1000);
        assertRefused(vdi, b.array(), "beyond the");
    }

    @Test
    void twoBlocksInOneSlot() {
        ByteBuffer b = mutable();
        b.putInt(MAP + 4, b.getInt(MAP));
        assertRefused(vdi, b.array(), "share data slot");
    }

    @Test
    void slotPastTheEndOfTheFile() {
        ByteBuffer b = mutable();
        b.putInt(0x180, 64);
        b.putInt(0x158, 0x800);
        b.putInt(MAP + 4 * 3, 63);
        assertRefused(vdi, b.array(), "past the end");
    }

    @Test
    void hugeBlockCount() {
        ByteBuffer b = mutable();
        b.putInt(0x180, -1);
        assertRefused(vdi, b.array(), "metadata limit");
    }

    @Test
    void diskLargerThanItsBlocks() {
        ByteBuffer b = mutable();
        b.putLong(0x170, 1L << 40);
        assertRefused(vdi, b.array(), "needs more than");
    }

    @Test
    void differencingType() {
        ByteBuffer b = mutable();
        b.putInt(0x4C, 4);
        assertRefused(vdi, b.array(), "not supported");
    }

    @Test
    void parentUuid() {
        ByteBuffer b = mutable();
        b.putLong(0x1B8, 42);
        assertRefused(vdi, b.array(), "parent");
    }

    @Test
    void oddBlockSizeAndMisalignedMap() {
        ByteBuffer b = mutable();
        b.putInt(0x178, 1000);
        assertRefused(vdi, b.array(), "block size");
        ByteBuffer c = mutable();
        c.putInt(0x154, 513);
        assertRefused(vdi, c.array(), "aligned");
    }

    @Test
    void mapOverlappingData() {
        ByteBuffer b = mutable();
        b.putInt(0x158, 512);
        assertRefused(vdi, b.array(), "overlaps the data");
    }
}
