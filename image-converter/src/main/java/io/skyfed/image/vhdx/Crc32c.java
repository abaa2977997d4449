package io.skyfed.image.vhdx;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** VHDX checksums: CRC-32C over a structure with its 4-byte checksum field counted as zero. */
final class Crc32c {

    private Crc32c() {
    }

    static int of(ByteBuffer structure, int checksumAt, int length) {
        CRC32C crc = new CRC32C();
        ByteBuffer b = structure.duplicate();
        b.limit(checksumAt).position(0);
        crc.update(b);
        crc.update(new byte[4]);
        b.limit(length).position(checksumAt + 4);
        crc.update(b);
        return (int) crc.getValue();
    }

    static boolean matches(ByteBuffer structure, int checksumAt, int length) {
        return structure.getInt(checksumAt) == of(structure, checksumAt, length);
    }

    static void stamp(ByteBuffer structure, int checksumAt, int length) {
        structure.putInt(checksumAt, 0);
        structure.putInt(checksumAt, of(structure, checksumAt, length));
    }
}
