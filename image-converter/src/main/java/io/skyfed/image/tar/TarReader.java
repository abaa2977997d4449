package io.skyfed.image.tar;

import io.skyfed.image.ImageFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads tar headers (ustar, GNU and old GNU, PAX path/size records, GNU long names, old GNU sparse files) with
 * limits on everything a hostile archive could inflate; the caller reads or skips each member's data.
 */
public final class TarReader {

    private static final int MAX_LONG_NAME = 64 << 10;
    private static final int MAX_PAX = 1 << 20;

    private final TarInput in;
    private final String archive;
    private final long maxSparsePieces;
    private final int maxMembers;
    private int members;

    /**
     * @param maxSparsePieces upper bound on a sparse member's map (each piece costs memory)
     * @param maxMembers      upper bound on members (and so on headers read)
     */
    public TarReader(TarInput in, String archive, long maxSparsePieces, int maxMembers) {
        this.in = in;
        this.archive = archive;
        this.maxSparsePieces = maxSparsePieces;
        this.maxMembers = maxMembers;
    }

    /** The next member, positioned at its data; null at the end of the archive. */
    public TarEntry next() throws IOException {
        String longName = null;
        String paxPath = null;
        long paxSize = -1;
        while (true) {
            byte[] h = in.block();
            if (h == null || isZero(h)) {
                return null;
            }
            if (++members > maxMembers) {
                throw new ImageFormatException(archive + ": more than " + maxMembers + " tar headers");
            }
            long stored = TarNumbers.parse(h, 124, 12, "size");
            long sum = TarNumbers.parse(h, 148, 8, "checksum");
            if (sum != TarNumbers.checksum(h)) {
                throw new ImageFormatException(archive + ": tar header at " + (in.position() - 512)
                        + " has a bad checksum");
            }
            char type = (char) h[156];
            switch (type) {
                case 'L' -> {
                    longName = text(readData(stored, MAX_LONG_NAME, "GNU long name"));
                    continue;
                }
                case 'K' -> {
                    readData(stored, MAX_LONG_NAME, "GNU long link name");
                    continue;
                }
                case 'x' -> {
                    for (String[] kv : pax(readData(stored, MAX_PAX, "PAX header"))) {
                        if (kv[0].equals("path")) {
                            paxPath = kv[1];
                        } else if (kv[0].equals("size")) {
                            paxSize = parsePaxSize(kv[1]);
                        } else if (kv[0].startsWith("GNU.sparse")) {
                            throw new ImageFormatException(archive + ": PAX sparse members are not supported"
                                    + " (write the archive with --format=oldgnu or gnu)");
                        }
                    }
                    continue;
                }
                case 'g' -> {
                    readData(stored, MAX_PAX, "PAX global header");
                    continue;
                }
                default -> {
                }
            }
            String name = paxPath != null ? paxPath : longName != null ? longName : headerName(h);
            if (paxSize >= 0) {
                stored = paxSize;
            }
            List<TarEntry.SparsePiece> map;
            long realSize;
            if (type == 'S') {
                realSize = TarNumbers.parse(h, 483, 12, "sparse real size");
                map = sparseMap(h, stored, realSize);
            } else {
                realSize = stored;
                map = stored == 0 ? List.of() : List.of(new TarEntry.SparsePiece(0, stored));
            }
            TarEntry e = new TarEntry(name, type, stored, in.position(), realSize, map);
            return e;
        }
    }

    /** Skips to the header after {@code entry} (whose data the caller may have partly read). */
    public void skip(TarEntry entry) throws IOException {
        in.skipTo(entry.nextHeaderOffset());
    }

    private List<TarEntry.SparsePiece> sparseMap(byte[] h, long stored, long realSize) throws IOException {
        List<TarEntry.SparsePiece> map = new ArrayList<>();
        readPieces(h, 386, 4, map, realSize);
        boolean extended = h[482] != 0;
        while (extended) {
            byte[] x = in.block();
            if (x == null) {
                throw new java.io.EOFException(archive + ": tar ends inside a sparse map");
            }
            readPieces(x, 0, 21, map, realSize);
            extended = x[504] != 0;
        }
        long total = 0;
        long end = 0;
        for (TarEntry.SparsePiece p : map) {
            if (p.offset() < end) {
                throw new ImageFormatException(archive + ": tar sparse map pieces overlap or go backwards");
            }
            end = p.offset() + p.length();
            total += p.length();
        }
        if (total != stored) {
            throw new ImageFormatException(archive + ": tar sparse map holds " + total + " bytes, the member "
                    + stored);
        }
        map.removeIf(p -> p.length() == 0);
        return List.copyOf(map);
    }

    private void readPieces(byte[] block, int at, int count, List<TarEntry.SparsePiece> map, long realSize)
            throws ImageFormatException {
        for (int i = 0; i < count; i++) {
            int p = at + i * 24;
            if (block[p] == 0) {
                return;
            }
            long offset = TarNumbers.parse(block, p, 12, "sparse offset");
            long length = TarNumbers.parse(block, p + 12, 12, "sparse length");
            if (offset > realSize || length > realSize - offset) {
                throw new ImageFormatException(archive + ": tar sparse piece " + offset + "+" + length
                        + " lies past the file's " + realSize + " bytes");
            }
            if (map.size() >= maxSparsePieces) {
                throw new ImageFormatException(archive + ": tar sparse map has more than " + maxSparsePieces
                        + " pieces");
            }
            map.add(new TarEntry.SparsePiece(offset, length));
        }
    }

    private byte[] readData(long size, int limit, String what) throws IOException {
        if (size > limit) {
            throw new ImageFormatException(archive + ": " + what + " of " + size + " bytes is larger than "
                    + limit);
        }
        byte[] out = new byte[(int) size];
        int at = 0;
        while (at < size) {
            byte[] b = in.block();
            if (b == null) {
                throw new java.io.EOFException(archive + ": tar ends inside a " + what);
            }
            int n = (int) Math.min(512, size - at);
            System.arraycopy(b, 0, out, at, n);
            at += n;
        }
        return out;
    }

    private static String headerName(byte[] h) {
        String name = cString(h, 0, 100);
        boolean ustar = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r'
                && h[262] == 0;
        if (ustar) {
            String prefix = cString(h, 345, 155);
            if (!prefix.isEmpty()) {
                return prefix + "/" + name;
            }
        }
        return name;
    }

    private static String cString(byte[] b, int at, int length) {
        int end = at;
        while (end < at + length && b[end] != 0) {
            end++;
        }
        return new String(b, at, end - at, StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

    /** PAX records: "length key=value\n". */
    private List<String[]> pax(byte[] data) throws ImageFormatException {
        List<String[]> out = new ArrayList<>();
        int at = 0;
        while (at < data.length && data[at] != 0) {
            int space = at;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            int length;
            try {
                length = Integer.parseInt(new String(data, at, space - at, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new ImageFormatException(archive + ": malformed PAX record length");
            }
            if (length <= space - at + 1 || at + length > data.length || data[at + length - 1] != '\n') {
                throw new ImageFormatException(archive + ": malformed PAX record");
            }
            String record = new String(data, space + 1, at + length - space - 2, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq < 0) {
                throw new ImageFormatException(archive + ": PAX record without '='");
            }
            out.add(new String[] {record.substring(0, eq), record.substring(eq + 1)});
            at += length;
        }
        return out;
    }

    private long parsePaxSize(String v) throws ImageFormatException {
        try {
            long n = Long.parseLong(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ImageFormatException(archive + ": PAX size '" + v + "' is not a size");
        }
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
