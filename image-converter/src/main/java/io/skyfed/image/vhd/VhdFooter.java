package io.skyfed.image.vhd;

import io.skyfed.image.ImageFormatException;
import io.skyfed.image.formatkit.Guids;
import io.skyfed.image.formatkit.Regions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The 512-byte VHD footer (big-endian), which every VHD ends with and dynamic disks also start with. */
record VhdFooter(long dataOffset, int timestamp, String creatorApp, long originalSize, long currentSize,
                 VhdGeometry geometry, int diskType, UUID uniqueId) {

    static final int SIZE = 512;
    static final int FIXED = 2;
    static final int DYNAMIC = 3;
    static final int DIFFERENCING = 4;
    static final long NO_DATA_OFFSET = -1L;
    private static final String COOKIE = "conectix";
    private static final int CHECKSUM_AT = 64;
    /** Seconds from 1970-01-01 to the VHD epoch, 2000-01-01 UTC. */
    static final long EPOCH_2000 = 946_684_800L;

    static boolean hasCookie(ByteBuffer buf) {
        return Regions.hasSignature(buf, 0, COOKIE);
    }

    static boolean checksumMatches(ByteBuffer buf) {
        return buf.order(ByteOrder.BIG_ENDIAN).getInt(CHECKSUM_AT) == VhdChecksum.compute(buf, CHECKSUM_AT);
    }

    /** Parses a footer whose cookie and checksum the caller wants verified; {@code where} names it in errors. */
    static VhdFooter parse(ByteBuffer buf, String where) throws ImageFormatException {
        buf.order(ByteOrder.BIG_ENDIAN);
        if (!hasCookie(buf)) {
            throw new ImageFormatException(where + ": no VHD footer (cookie 'conectix' missing)");
        }
        if (!checksumMatches(buf)) {
            throw new ImageFormatException(where + ": VHD footer checksum mismatch (stored "
                    + Integer.toHexString(buf.getInt(CHECKSUM_AT)) + ", computed "
                    + Integer.toHexString(VhdChecksum.compute(buf, CHECKSUM_AT)) + ")");
        }
        int diskType = buf.getInt(60);
        if (diskType != FIXED && diskType != DYNAMIC && diskType != DIFFERENCING) {
            throw new ImageFormatException(where + ": unsupported VHD disk type " + diskType);
        }
        long currentSize = buf.getLong(48);
        if (currentSize < 0) {
            throw new ImageFormatException(where + ": negative VHD size");
        }
        byte[] creator = new byte[4];
        buf.get(28, creator);
        VhdGeometry geometry = new VhdGeometry(buf.getShort(56) & 0xFFFF, buf.get(58) & 0xFF, buf.get(59) & 0xFF);
        return new VhdFooter(buf.getLong(16), buf.getInt(24), new String(creator, StandardCharsets.ISO_8859_1),
                buf.getLong(40), currentSize, geometry, diskType, Guids.readBigEndian(buf, 68));
    }

    ByteBuffer encode() {
        ByteBuffer buf = ByteBuffer.allocate(SIZE).order(ByteOrder.BIG_ENDIAN);
        buf.put(0, COOKIE.getBytes(StandardCharsets.US_ASCII));
        buf.putInt(8, 2); // "reserved" feature bit, which the specification says must be set
        buf.putInt(12, 0x0001_0000);
        buf.putLong(16, dataOffset);
        buf.putInt(24, timestamp);
        buf.put(28, creatorApp.getBytes(StandardCharsets.ISO_8859_1));
        buf.putInt(32, 0x0005_0003); // creator version, as qemu writes it
        buf.put(36, "Wi2k".getBytes(StandardCharsets.US_ASCII));
        buf.putLong(40, originalSize);
        buf.putLong(48, currentSize);
        buf.putShort(56, (short) geometry.cylinders());
        buf.put(58, (byte) geometry.heads());
        buf.put(59, (byte) geometry.sectorsPerTrack());
        buf.putInt(60, diskType);
        Guids.writeBigEndian(buf, 68, uniqueId);
        buf.putInt(CHECKSUM_AT, VhdChecksum.compute(buf, CHECKSUM_AT));
        return buf;
    }

    /**
     * The virtual size by qemu's rule: Virtual PC and old qemu ("vpc ", "qemu" and unknown creators) size the disk by
     * its CHS geometry; Hyper-V, disk2vhd, XenServer, XenConverter and qemu with force_size by {@code current_size};
     * a maximal geometry always means {@code current_size}, which the geometry cannot express.
     */
    long virtualSize() {
        boolean sizedByCurrentSize = switch (creatorApp) {
            case "win ", "qem2", "d2v ", "CTXS", "tap\0" -> true;
            default -> false;
        };
        if (sizedByCurrentSize || geometry.isMax()) {
            return currentSize / 512 * 512;
        }
        return geometry.sectors() * 512;
    }
}
