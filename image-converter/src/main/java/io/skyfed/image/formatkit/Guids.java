package io.skyfed.image.formatkit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/** GUIDs as Microsoft stores them (first three fields little-endian) and as plain big-endian UUIDs. */
public final class Guids {

    public static final UUID NIL = new UUID(0, 0);

    private Guids() {
    }

    /** A GUID in Microsoft's mixed-endian layout (VHDX). */
    public static UUID readMixed(ByteBuffer buf, int at) {
        ByteBuffer le = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long d1 = le.getInt(at) & 0xFFFFFFFFL;
        long d2 = le.getShort(at + 4) & 0xFFFFL;
        long d3 = le.getShort(at + 6) & 0xFFFFL;
        long high = (d1 << 32) | (d2 << 16) | d3;
        long low = buf.duplicate().order(ByteOrder.BIG_ENDIAN).getLong(at + 8);
        return new UUID(high, low);
    }

    public static void writeMixed(ByteBuffer buf, int at, UUID id) {
        ByteBuffer le = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long high = id.getMostSignificantBits();
        le.putInt(at, (int) (high >>> 32));
        le.putShort(at + 4, (short) (high >>> 16));
        le.putShort(at + 6, (short) high);
        buf.duplicate().order(ByteOrder.BIG_ENDIAN).putLong(at + 8, id.getLeastSignificantBits());
    }

    /** A UUID stored as 16 big-endian bytes (VHD, VDI). */
    public static UUID readBigEndian(ByteBuffer buf, int at) {
        ByteBuffer be = buf.duplicate().order(ByteOrder.BIG_ENDIAN);
        return new UUID(be.getLong(at), be.getLong(at + 8));
    }

    public static void writeBigEndian(ByteBuffer buf, int at, UUID id) {
        ByteBuffer be = buf.duplicate().order(ByteOrder.BIG_ENDIAN);
        be.putLong(at, id.getMostSignificantBits());
        be.putLong(at + 8, id.getLeastSignificantBits());
    }
}
