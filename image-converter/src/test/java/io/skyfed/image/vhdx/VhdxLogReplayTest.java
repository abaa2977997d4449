package io.skyfed.image.vhdx;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyfed.image.DiskImage;
import io.skyfed.image.testkit.Images;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * qemu never leaves a log behind on a clean close, so a pending log is made here: one entry that rewrites the first
 * 4 KiB of block 0 with 0xCD and zeroes the next 4 KiB, announced by a header naming the log GUID.
 */
class VhdxLogReplayTest {

    private static final UUID LOG_GUID = UUID.fromString("0d1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");

    @TempDir
    Path dir;

    private final VhdxFormat vhdx = new VhdxFormat();
    private Path img;
    private long blockZeroAt;

    @BeforeEach
    void build() throws Exception {
        Path raw = Images.rawSample(dir, "in.raw", 4L << 20, 6);
        img = dir.resolve("log.vhdx");
        Images.writeFile(vhdx, raw, img, Map.of("block_size", "1M"));
        VhdxLayout layout = VhdxLayout.of(4L << 20, Images.options(Map.of("block_size", "1M")));
        blockZeroAt = layout.payloadOffset();
    }

    static byte[] logEntry(long sequence, long dataAt, long zeroAt, long fileSize) {
        ByteBuffer e = ByteBuffer.allocate(8192).order(ByteOrder.LITTLE_ENDIAN);
        e.put(0, "loge".getBytes());
        e.putInt(8, 8192);
        e.putInt(12, 0);
        e.putLong(16, sequence);
        e.putInt(24, 2);
        io.skyfed.image.formatkit.Guids.writeMixed(e, 32, LOG_GUID);
        e.putLong(48, fileSize);
        e.putLong(56, fileSize);
        e.put(64, "desc".getBytes());
        e.putInt(64 + 4, 0xCDCDCDCD);
        e.putLong(64 + 8, 0xCDCDCDCDCDCDCDCDL);
        e.putLong(64 + 16, dataAt);
        e.putLong(64 + 24, sequence);
        e.put(96, "zero".getBytes());
        e.putLong(96 + 8, 4096);
        e.putLong(96 + 16, zeroAt);
        e.putLong(96 + 24, sequence);
        e.put(4096, "data".getBytes());
        e.putInt(4096 + 4, (int) (sequence >>> 32));
        byte[] payload = new byte[4084];
        Arrays.fill(payload, (byte) 0xCD);
        e.put(4096 + 8, payload);
        e.putInt(8192 - 4, (int) sequence);
        Crc32c.stamp(e, 4, 8192);
        return e.array();
    }

    private void announceLog(byte[] entry) throws Exception {
        byte[] file = Files.readAllBytes(img);
        ByteBuffer f = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        VhdxHeader h = VhdxHeader.parseOrNull(ByteBuffer.wrap(file, (int) VhdxHeader.FIRST_AT, VhdxHeader.SIZE).slice());
        VhdxHeader pending = new VhdxHeader(10, h.fileWriteGuid(), h.dataWriteGuid(), LOG_GUID, h.logLength(),
                h.logOffset());
        f.put((int) VhdxHeader.FIRST_AT, pending.encode().array());
        f.put((int) h.logOffset(), entry);
        Files.write(img, file);
    }

    @Test
    void replaysAPendingLogInMemoryWithoutTouchingTheFile() throws Exception {
        announceLog(logEntry(5, blockZeroAt, blockZeroAt + 4096, Files.size(img)));
        String before = sha256(img);
        try (DiskImage image = Images.open(vhdx, img)) {
            assertThat(image.details()).containsEntry("log-replayed", true);
            ByteBuffer head = ByteBuffer.allocate(8192);
            image.read(0, head);
            assertThat(Arrays.copyOfRange(head.array(), 0, 4096)).containsOnly(0xCD);
            assertThat(Arrays.copyOfRange(head.array(), 4096, 8192)).containsOnly(0);
        }
        assertThat(sha256(img)).isEqualTo(before);
    }

    @Test
    void ignoresALogEntryWhoseChecksumIsWrong() throws Exception {
        byte[] entry = logEntry(5, blockZeroAt, blockZeroAt + 4096, Files.size(img));
        entry[5000] ^= 1;
        byte[] original = Files.readAllBytes(img);
        announceLog(entry);
        try (DiskImage image = Images.open(vhdx, img)) {
            assertThat(image.details()).containsEntry("log-replayed", false);
            ByteBuffer head = ByteBuffer.allocate(4096);
            image.read(0, head);
            assertThat(head.array()).isEqualTo(Arrays.copyOfRange(original, (int) blockZeroAt, (int) blockZeroAt + 4096));
        }
    }

    private static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
