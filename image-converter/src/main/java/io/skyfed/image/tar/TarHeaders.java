package io.skyfed.image.tar;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Tar headers for writing: ustar members (OVA, where DSP0243 asks for POSIX ustar) and old-GNU sparse members
 * ({@code tar --format=oldgnu -S}, what GCE's import documents), which commons-compress cannot write.
 */
public final class TarHeaders {

    /** Two zero blocks end an archive. */
    public static final byte[] END = new byte[1024];
    private static final int PIECES_IN_HEADER = 4;
    private static final int PIECES_IN_EXTENSION = 21;

    private TarHeaders() {
    }

    /** A ustar header for a regular file of {@code size} bytes (name at most 100 bytes). */
    public static byte[] ustar(String name, long size, long mtime) {
        byte[] h = common(name, size, mtime, '0');
        put(h, 257, "ustar\0");
        put(h, 263, "00");
        seal(h);
        return h;
    }

    /**
     * An old-GNU sparse member: the header with the first four pieces, then as many extension blocks as the rest
     * of the map needs. {@code pieces} must be ascending; a last piece of length 0 at {@code realSize} marks a
     * trailing hole as GNU tar does.
     */
    public static byte[] oldGnuSparse(String name, long realSize, List<TarEntry.SparsePiece> pieces, long mtime) {
        long stored = pieces.stream().mapToLong(TarEntry.SparsePiece::length).sum();
        byte[] h = common(name, stored, mtime, 'S');
        put(h, 257, "ustar  \0");
        TarNumbers.format(h, 483, 12, realSize);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int next = fill(h, 386, PIECES_IN_HEADER, pieces, 0);
        h[482] = (byte) (next < pieces.size() ? 1 : 0);
        seal(h);
        out.writeBytes(h);
        while (next < pieces.size()) {
            byte[] x = new byte[512];
            next = fill(x, 0, PIECES_IN_EXTENSION, pieces, next);
            x[504] = (byte) (next < pieces.size() ? 1 : 0);
            out.writeBytes(x);
        }
        return out.toByteArray();
    }

    /** Zeros that pad {@code size} bytes of member data to a whole block. */
    public static byte[] padding(long size) {
        return new byte[(int) ((512 - size % 512) % 512)];
    }

    private static int fill(byte[] block, int at, int count, List<TarEntry.SparsePiece> pieces, int from) {
        int i = from;
        for (int slot = 0; slot < count && i < pieces.size(); slot++, i++) {
            TarNumbers.format(block, at + slot * 24, 12, pieces.get(i).offset());
            TarNumbers.format(block, at + slot * 24 + 12, 12, pieces.get(i).length());
        }
        return i;
    }

    private static byte[] common(String name, long size, long mtime, char type) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100) {
            throw new IllegalArgumentException("tar member name longer than 100 bytes: " + name);
        }
        byte[] h = new byte[512];
        System.arraycopy(nameBytes, 0, h, 0, nameBytes.length);
        TarNumbers.format(h, 100, 8, 0644);
        TarNumbers.format(h, 108, 8, 0);
        TarNumbers.format(h, 116, 8, 0);
        TarNumbers.format(h, 124, 12, size);
        TarNumbers.format(h, 136, 12, mtime);
        h[156] = (byte) type;
        return h;
    }

    private static void seal(byte[] h) {
        String sum = String.format("%06o", TarNumbers.checksum(h));
        put(h, 148, sum + "\0 ");
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }
}
