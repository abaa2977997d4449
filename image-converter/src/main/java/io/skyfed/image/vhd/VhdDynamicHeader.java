package io.skyfed.image.vhd;

import io.skyfed.image.ImageFormatException;
import io.skyfed.image.formatkit.Guids;
import io.skyfed.image.formatkit.Regions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The 1024-byte dynamic disk header ("cxsparse") of dynamic and differencing VHDs. */
record VhdDynamicHeader(long tableOffset, int maxTableEntries, int blockSize, UUID parentId, String parentName,
                        List<ParentLocator> locators) {

    static final int SIZE = 1024;
    private static final String COOKIE = "cxsparse";
    private static final int CHECKSUM_AT = 36;
    private static final int LOCATORS_AT = 576;

    /** One parent locator entry: where in the file a platform-specific parent path is stored. */
    record ParentLocator(String platform, int dataLength, long dataOffset) {
    }

    static VhdDynamicHeader parse(ByteBuffer buf, String where) throws ImageFormatException {
        buf.order(ByteOrder.BIG_ENDIAN);
        if (!Regions.hasSignature(buf, 0, COOKIE)) {
            throw new ImageFormatException(where + ": no VHD dynamic header (cookie 'cxsparse' missing)");
        }
        int stored = buf.getInt(CHECKSUM_AT);
        int computed = VhdChecksum.compute(buf, CHECKSUM_AT);
        if (stored != computed) {
            throw new ImageFormatException(where + ": VHD dynamic header checksum mismatch (stored "
                    + Integer.toHexString(stored) + ", computed " + Integer.toHexString(computed) + ")");
        }
        byte[] name = new byte[512];
        buf.get(64, name);
        String parentName = new String(name, StandardCharsets.UTF_16BE);
        int nul = parentName.indexOf('\0');
        List<ParentLocator> locators = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int at = LOCATORS_AT + i * 24;
            int code = buf.getInt(at);
            if (code != 0) {
                byte[] platform = new byte[4];
                buf.get(at, platform);
                locators.add(new ParentLocator(new String(platform, StandardCharsets.ISO_8859_1),
                        buf.getInt(at + 8), buf.getLong(at + 16)));
            }
        }
        return new VhdDynamicHeader(buf.getLong(16), buf.getInt(28), buf.getInt(32), Guids.readBigEndian(buf, 40),
                nul >= 0 ? parentName.substring(0, nul) : parentName, locators);
    }

    /** A header for a new dynamic disk (no parent). */
    static ByteBuffer encodeDynamic(long tableOffset, int maxTableEntries, int blockSize) {
        ByteBuffer buf = ByteBuffer.allocate(SIZE).order(ByteOrder.BIG_ENDIAN);
        buf.put(0, COOKIE.getBytes(StandardCharsets.US_ASCII));
        buf.putLong(8, -1L);
        buf.putLong(16, tableOffset);
        buf.putInt(24, 0x0001_0000);
        buf.putInt(28, maxTableEntries);
        buf.putInt(32, blockSize);
        buf.putInt(CHECKSUM_AT, VhdChecksum.compute(buf, CHECKSUM_AT));
        return buf;
    }
}
