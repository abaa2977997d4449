package io.skyfed.image.tar;

import io.skyfed.image.ImageFormatException;
import java.nio.charset.StandardCharsets;

/** Tar's numeric fields: octal ASCII, or GNU base-256 (high bit of the first byte set) for large values. */
final class TarNumbers {

    private TarNumbers() {
    }

    static long parse(byte[] header, int at, int length, String what) throws ImageFormatException {
        if ((header[at] & 0x80) != 0) {
            if ((header[at] & 0x40) != 0) {
                throw new ImageFormatException("tar " + what + " is negative");
            }
            long v = header[at] & 0x3F;
            for (int i = 1; i < length; i++) {
                if ((v >>> 55) != 0) {
                    throw new ImageFormatException("tar " + what + " is too large");
                }
                v = (v << 8) | (header[at + i] & 0xFF);
            }
            return v;
        }
        long v = 0;
        int i = at;
        int end = at + length;
        while (i < end && (header[i] == ' ' || header[i] == 0)) {
            i++;
        }
        for (; i < end && header[i] != 0 && header[i] != ' '; i++) {
            int d = header[i] - '0';
            if (d < 0 || d > 7) {
                throw new ImageFormatException("tar " + what + " is not an octal number");
            }
            if ((v >>> 60) != 0) {
                throw new ImageFormatException("tar " + what + " is too large");
            }
            v = v * 8 + d;
        }
        return v;
    }

    /** Writes {@code value} in octal when it fits {@code length - 1} digits, else in base-256. */
    static void format(byte[] header, int at, int length, long value) {
        String octal = Long.toOctalString(value);
        if (octal.length() <= length - 1) {
            String padded = "0".repeat(length - 1 - octal.length()) + octal;
            System.arraycopy(padded.getBytes(StandardCharsets.US_ASCII), 0, header, at, length - 1);
            header[at + length - 1] = 0;
            return;
        }
        long v = value;
        for (int i = length - 1; i > 0; i--) {
            header[at + i] = (byte) v;
            v >>>= 8;
        }
        header[at] = (byte) 0x80;
    }

    /** The header checksum: the byte sum with the checksum field read as spaces. */
    static long checksum(byte[] header) {
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (header[i] & 0xFF);
        }
        return sum;
    }
}
