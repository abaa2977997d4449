package io.skyfed.image.vhdx;

import io.skyfed.image.formatkit.Guids;
import io.skyfed.image.formatkit.Regions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/** One of the two 4 KiB VHDX headers (at 64 KiB and 128 KiB); the valid one with the higher sequence wins. */
record VhdxHeader(long sequence, UUID fileWriteGuid, UUID dataWriteGuid, UUID logGuid, int logLength, long logOffset) {

    static final int SIZE = 4096;
    static final long FIRST_AT = 64 << 10;
    static final long SECOND_AT = 128 << 10;

    /** The header in {@code buf}, or null when its signature, checksum or version is wrong. */
    static VhdxHeader parseOrNull(ByteBuffer buf) {
        buf.order(ByteOrder.LITTLE_ENDIAN);
        if (!Regions.hasSignature(buf, 0, "head") || !Crc32c.matches(buf, 4, SIZE) || buf.getShort(66) != 1) {
            return null;
        }
        return new VhdxHeader(buf.getLong(8), Guids.readMixed(buf, 16), Guids.readMixed(buf, 32),
                Guids.readMixed(buf, 48), buf.getInt(68), buf.getLong(72));
    }

    boolean logPending() {
        return !logGuid.equals(Guids.NIL);
    }

    ByteBuffer encode() {
        ByteBuffer buf = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(0, new byte[] {'h', 'e', 'a', 'd'});
        buf.putLong(8, sequence);
        Guids.writeMixed(buf, 16, fileWriteGuid);
        Guids.writeMixed(buf, 32, dataWriteGuid);
        Guids.writeMixed(buf, 48, logGuid);
        buf.putShort(64, (short) 0);
        buf.putShort(66, (short) 1);
        buf.putInt(68, logLength);
        buf.putLong(72, logOffset);
        Crc32c.stamp(buf, 4, SIZE);
        return buf;
    }
}
