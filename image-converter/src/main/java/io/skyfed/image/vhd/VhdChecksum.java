package io.skyfed.image.vhd;

import java.nio.ByteBuffer;

/** The VHD checksum: one's complement of the byte sum, with the checksum field itself counted as zero. */
final class VhdChecksum {

    private VhdChecksum() {
    }

    static int compute(ByteBuffer structure, int checksumAt) {
        int sum = 0;
        for (int i = 0; i < structure.limit(); i++) {
            if (i < checksumAt || i >= checksumAt + 4) {
                sum += structure.get(i) & 0xFF;
            }
        }
        return ~sum;
    }
}
