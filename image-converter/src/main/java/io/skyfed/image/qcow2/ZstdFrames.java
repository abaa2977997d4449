package io.skyfed.image.qcow2;

import io.skyfed.image.ImageFormatException;

/** Finds where a zstd frame ends by walking its block headers (RFC 8878), without decoding it. */
final class ZstdFrames {

    private static final int MAGIC = 0xFD2FB528;

    private ZstdFrames() {
    }

    static boolean isFrame(byte[] b, int at) {
        return le32(b, at) == MAGIC;
    }

    /** The compressed length of the frame at {@code at}, which must end before {@code limit}. */
    static int frameLength(byte[] b, int at, int limit) throws ImageFormatException {
        int p = at + 4;
        if (p >= limit) {
            throw new ImageFormatException("truncated zstd frame header");
        }
        int descriptor = b[p++] & 0xff;
        int fcsFlag = descriptor >>> 6;
        boolean singleSegment = (descriptor & 0x20) != 0;
        boolean checksum = (descriptor & 0x04) != 0;
        int dictId = new int[] {0, 1, 2, 4}[descriptor & 3];
        int fcs = switch (fcsFlag) {
            case 0 -> singleSegment ? 1 : 0;
            case 1 -> 2;
            case 2 -> 4;
            default -> 8;
        };
        p += (singleSegment ? 0 : 1) + dictId + fcs;
        while (true) {
            if (p + 3 > limit) {
                throw new ImageFormatException("truncated zstd block header");
            }
            int header = (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16;
            p += 3;
            boolean last = (header & 1) != 0;
            int type = (header >>> 1) & 3;
            int size = header >>> 3;
            if (type == 3) {
                throw new ImageFormatException("reserved zstd block type");
            }
            p += type == 1 ? 1 : size;
            if (p > limit) {
                throw new ImageFormatException("zstd block runs past the compressed cluster");
            }
            if (last) {
                break;
            }
        }
        p += checksum ? 4 : 0;
        if (p > limit) {
            throw new ImageFormatException("zstd checksum runs past the compressed cluster");
        }
        return p - at;
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}
