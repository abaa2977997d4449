package io.skyfed.image.gce;

import io.skyfed.image.ByteSource;
import io.skyfed.image.DiskImage;
import io.skyfed.image.Extent;
import io.skyfed.image.ExtentType;
import io.skyfed.image.ImageFormatException;
import io.skyfed.image.OpenOptions;
import io.skyfed.image.formatkit.ParentView;
import io.skyfed.image.formatkit.Regions;
import io.skyfed.image.formatkit.SourceInputStream;
import io.skyfed.image.tar.TarEntry;
import io.skyfed.image.tar.TarInput;
import io.skyfed.image.tar.TarPaths;
import io.skyfed.image.tar.TarReader;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A GCE image ({@code disk.raw} in a tar.gz) read without unpacking it: the sparse map comes from the tar header,
 * and data is decompressed front to back as the reader moves forward. A read behind the current position restarts
 * decompression from the beginning, so reading in ascending order (what conversion does) costs one pass.
 */
final class GceImage implements DiskImage {

    static final String MEMBER = "disk.raw";
    private static final int MAX_MEMBERS = 64;

    private final ByteSource source;
    private final TarEntry disk;
    private final long[] storedStart;
    private final long virtualSize;
    private InputStream stream;
    private long streamAt;

    private GceImage(ByteSource source, TarEntry disk, InputStream stream, long streamAt) {
        this.source = source;
        this.disk = disk;
        this.stream = stream;
        this.streamAt = streamAt;
        this.virtualSize = (disk.realSize() + 511) / 512 * 512;
        this.storedStart = new long[disk.sparseMap().size()];
        long s = 0;
        for (int i = 0; i < storedStart.length; i++) {
            storedStart[i] = s;
            s += disk.sparseMap().get(i).length();
        }
    }

    static GceImage open(ByteSource source, OpenOptions options) throws IOException {
        InputStream in = gunzip(source);
        TarInput tar = TarInput.of(in);
        TarReader reader = new TarReader(tar, source.name(), options.maxMetadataBytes() / 64, MAX_MEMBERS);
        TarEntry entry;
        while ((entry = reader.next()) != null) {
            String name = TarPaths.requireInside(source.name(), entry.name());
            if (name.equals(MEMBER) && entry.isFile()) {
                return new GceImage(source, entry, in, tar.position());
            }
            if (entry.isFile() || entry.type() != '5') {
                throw new ImageFormatException(source.name() + ": a GCE image holds only " + MEMBER + ", found '"
                        + entry.name() + "'");
            }
            reader.skip(entry);
        }
        throw new ImageFormatException(source.name() + ": tar.gz has no " + MEMBER);
    }

    private static InputStream gunzip(ByteSource source) throws IOException {
        return new GZIPInputStream(new BufferedInputStream(new SourceInputStream(source, 0), 1 << 16), 1 << 16);
    }

    @Override
    public String format() {
        return GceFormat.NAME;
    }

    @Override
    public long virtualSize() {
        return virtualSize;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        Regions.requireInDisk(source.name(), offset, dst.remaining(), virtualSize);
        List<TarEntry.SparsePiece> map = disk.sparseMap();
        long pos = offset;
        int i = firstPieceEndingAfter(pos);
        while (dst.hasRemaining()) {
            TarEntry.SparsePiece piece = i < map.size() ? map.get(i) : null;
            if (piece == null || pos < piece.offset()) {
                long holeEnd = piece == null ? Long.MAX_VALUE : piece.offset();
                int n = (int) Math.min(dst.remaining(), holeEnd - pos);
                ParentView.zero(dst.slice().limit(n));
                dst.position(dst.position() + n);
                pos += n;
                continue;
            }
            int n = (int) Math.min(dst.remaining(), piece.offset() + piece.length() - pos);
            ByteBuffer part = dst.slice().limit(n);
            readStored(disk.dataOffset() + storedStart[i] + (pos - piece.offset()), part);
            dst.position(dst.position() + n);
            pos += n;
            i++;
        }
    }

    private int firstPieceEndingAfter(long pos) {
        List<TarEntry.SparsePiece> map = disk.sparseMap();
        int lo = 0;
        int hi = map.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            TarEntry.SparsePiece p = map.get(mid);
            if (p.offset() + p.length() <= pos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** One decompressor serves every reader, so reads take turns. */
    private synchronized void readStored(long archiveOffset, ByteBuffer part) throws IOException {
        if (archiveOffset < streamAt) {
            stream.close();
            stream = gunzip(source);
            streamAt = 0;
        }
        while (streamAt < archiveOffset) {
            long n = stream.skip(archiveOffset - streamAt);
            if (n <= 0) {
                if (stream.read() < 0) {
                    throw new EOFException(source.name() + ": tar.gz ends inside " + MEMBER);
                }
                n = 1;
            }
            streamAt += n;
        }
        byte[] chunk = new byte[Math.min(part.remaining(), 1 << 16)];
        while (part.hasRemaining()) {
            int n = stream.read(chunk, 0, Math.min(chunk.length, part.remaining()));
            if (n < 0) {
                throw new EOFException(source.name() + ": tar.gz ends inside " + MEMBER);
            }
            part.put(chunk, 0, n);
            streamAt += n;
        }
    }

    @Override
    public Iterator<Extent> extents(long offset, long length) throws IOException {
        Regions.requireInDisk(source.name(), offset, length, virtualSize);
        List<Extent> out = new ArrayList<>();
        long end = offset + length;
        long pos = offset;
        List<TarEntry.SparsePiece> map = disk.sparseMap();
        for (int i = firstPieceEndingAfter(offset); i < map.size() && pos < end; i++) {
            TarEntry.SparsePiece p = map.get(i);
            if (p.offset() >= end) {
                break;
            }
            if (pos < p.offset()) {
                out.add(new Extent(pos, p.offset() - pos, ExtentType.UNALLOCATED));
                pos = p.offset();
            }
            long to = Math.min(end, p.offset() + p.length());
            out.add(new Extent(pos, to - pos, ExtentType.DATA));
            pos = to;
        }
        if (pos < end) {
            out.add(new Extent(pos, end - pos, ExtentType.UNALLOCATED));
        }
        return out.iterator();
    }

    @Override
    public long actualSize() throws IOException {
        return source.size();
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("member", MEMBER);
        d.put("sparse", disk.type() == 'S');
        d.put("stored-bytes", disk.storedSize());
        return d;
    }

    @Override
    public synchronized void close() throws IOException {
        stream.close();
    }
}
