package io.skyfed.image.vhdx;

import io.skyfed.image.ImageFormatException;
import io.skyfed.image.formatkit.Guids;
import io.skyfed.image.formatkit.Regions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/** The region table (at 192 KiB, copy at 256 KiB): where the BAT and the metadata region lie. */
record VhdxRegionTable(long batOffset, long batLength, long metadataOffset, long metadataLength) {

    static final int SIZE = 64 << 10;
    static final long FIRST_AT = 192 << 10;
    static final long SECOND_AT = 256 << 10;
    static final UUID BAT = UUID.fromString("2DC27766-F623-4200-9D64-115E9BFD4A08");
    static final UUID METADATA = UUID.fromString("8B7CA206-4790-4B9A-B8FE-575F050F886E");
    private static final int MAX_ENTRIES = 2047;

    static boolean valid(ByteBuffer buf) {
        buf.order(ByteOrder.LITTLE_ENDIAN);
        return Regions.hasSignature(buf, 0, "regi") && Crc32c.matches(buf, 4, SIZE);
    }

    static VhdxRegionTable parse(ByteBuffer buf, String where) throws ImageFormatException {
        buf.order(ByteOrder.LITTLE_ENDIAN);
        long count = Integer.toUnsignedLong(buf.getInt(8));
        if (count > MAX_ENTRIES) {
            throw new ImageFormatException(where + ": VHDX region table has " + count + " entries (at most "
                    + MAX_ENTRIES + ")");
        }
        long[] bat = null;
        long[] meta = null;
        for (int i = 0; i < count; i++) {
            int at = 16 + i * 32;
            UUID id = Guids.readMixed(buf, at);
            long offset = buf.getLong(at + 16);
            long length = Integer.toUnsignedLong(buf.getInt(at + 24));
            boolean required = (buf.getInt(at + 28) & 1) != 0;
            if (offset < (1 << 20) || offset % (1 << 20) != 0 || length % (1 << 20) != 0 || length == 0) {
                throw new ImageFormatException(where + ": VHDX region " + id + " at " + offset + " (+" + length
                        + ") is not 1 MiB aligned past the header area");
            }
            if (id.equals(BAT)) {
                bat = new long[] {offset, length};
            } else if (id.equals(METADATA)) {
                meta = new long[] {offset, length};
            } else if (required) {
                throw new ImageFormatException(where + ": VHDX requires region " + id + ", which is not supported");
            }
        }
        if (bat == null || meta == null) {
            throw new ImageFormatException(where + ": VHDX region table lacks the " + (bat == null ? "BAT" : "metadata")
                    + " region");
        }
        if (bat[0] < meta[0] + meta[1] && meta[0] < bat[0] + bat[1]) {
            throw new ImageFormatException(where + ": VHDX BAT and metadata regions overlap");
        }
        return new VhdxRegionTable(bat[0], bat[1], meta[0], meta[1]);
    }

    static ByteBuffer encode(long batOffset, long batLength, long metadataOffset, long metadataLength) {
        ByteBuffer buf = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(0, new byte[] {'r', 'e', 'g', 'i'});
        buf.putInt(8, 2);
        entry(buf, 16, BAT, batOffset, batLength);
        entry(buf, 48, METADATA, metadataOffset, metadataLength);
        Crc32c.stamp(buf, 4, SIZE);
        return buf;
    }

    private static void entry(ByteBuffer buf, int at, UUID id, long offset, long length) {
        Guids.writeMixed(buf, at, id);
        buf.putLong(at + 16, offset);
        buf.putInt(at + 24, (int) length);
        buf.putInt(at + 28, 1);
    }
}
