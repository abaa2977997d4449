package io.skyfed.image.vdi;

import io.skyfed.image.ImageFormatException;
import io.skyfed.image.formatkit.Guids;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The VDI header (little-endian): pre-header text and signature, then the version 1.1 header. */
record VdiHeader(int imageType, long blockMapOffset, long dataOffset, long diskSize, int blockSize, int blockExtra,
                 long blocks, long blocksAllocated, UUID imageId, UUID parentId) {

    static final int SIZE = 512;
    static final int SIGNATURE = 0xBEDA107F;
    static final int VERSION = 0x0001_0001;
    static final int DYNAMIC = 1;
    static final int STATIC = 2;

    static boolean hasSignature(ByteBuffer buf) {
        return buf.order(ByteOrder.LITTLE_ENDIAN).getInt(0x40) == SIGNATURE;
    }

    static VdiHeader parse(ByteBuffer buf, String where) throws ImageFormatException {
        buf.order(ByteOrder.LITTLE_ENDIAN);
        if (!hasSignature(buf)) {
            throw new ImageFormatException(where + ": not a VDI (signature missing)");
        }
        if (buf.getInt(0x44) != VERSION) {
            throw new ImageFormatException(where + ": unsupported VDI version 0x" + Integer.toHexString(buf.getInt(0x44)));
        }
        int sectorSize = buf.getInt(0x168);
        if (sectorSize != 512) {
            throw new ImageFormatException(where + ": VDI sector size " + sectorSize + " is not 512");
        }
        return new VdiHeader(buf.getInt(0x4C), Integer.toUnsignedLong(buf.getInt(0x154)),
                Integer.toUnsignedLong(buf.getInt(0x158)), buf.getLong(0x170), buf.getInt(0x178), buf.getInt(0x17C),
                Integer.toUnsignedLong(buf.getInt(0x180)), Integer.toUnsignedLong(buf.getInt(0x184)),
                Guids.readMixed(buf, 0x188), Guids.readMixed(buf, 0x1B8));
    }

    ByteBuffer encode() {
        ByteBuffer buf = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(0, "<<< Skyfed VM Virtual Disk Image >>>\n".getBytes(StandardCharsets.US_ASCII));
        buf.putInt(0x40, SIGNATURE);
        buf.putInt(0x44, VERSION);
        buf.putInt(0x48, 0x180);
        buf.putInt(0x4C, imageType);
        buf.putInt(0x154, (int) blockMapOffset);
        buf.putInt(0x158, (int) dataOffset);
        buf.putInt(0x168, 512);
        buf.putLong(0x170, diskSize);
        buf.putInt(0x178, blockSize);
        buf.putInt(0x17C, blockExtra);
        buf.putInt(0x180, (int) blocks);
        buf.putInt(0x184, (int) blocksAllocated);
        Guids.writeMixed(buf, 0x188, imageId);
        Guids.writeMixed(buf, 0x198, UUID.randomUUID());
        return buf;
    }
}
