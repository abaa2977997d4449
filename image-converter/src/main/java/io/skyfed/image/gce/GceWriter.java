package io.skyfed.image.gce;

import io.skyfed.image.ImageWriter;
import io.skyfed.image.formatkit.CountingOutputStream;
import io.skyfed.image.formatkit.Spool;
import io.skyfed.image.tar.TarEntry;
import io.skyfed.image.tar.TarHeaders;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes {@code disk.raw} as an old-GNU sparse member of a tar.gz, so holes cost nothing. The sparse map sits in the
 * header, before the data, and is known only at the end; so the data is compressed into a spool (a gzip member of
 * its own) while it arrives, and {@link #finish} writes a first gzip member with the headers followed by the spool.
 * gzip readers (gunzip, tar -z, Python, Go) read concatenated members as one stream.
 */
final class GceWriter implements ImageWriter {

    private final OutputStream target;
    private final long realSize;
    private final Spool spool;
    private final GZIPOutputStream data;
    private final List<TarEntry.SparsePiece> pieces = new ArrayList<>();
    private final long mtime;
    private CountingOutputStream finalOut;
    private long pieceStart = -1;
    private long pieceEnd = -1;
    private long stored;

    GceWriter(OutputStream target, long realSize, Spool spool, long mtime) throws IOException {
        this.target = target;
        this.realSize = realSize;
        this.spool = spool;
        this.mtime = mtime;
        this.data = new GZIPOutputStream(new BufferedOutputStream(spool.output(), 1 << 16), 1 << 16);
    }

    @Override
    public void write(long offset, ByteBuffer buf) throws IOException {
        int n = buf.remaining();
        if (offset < pieceEnd || offset + n > realSize) {
            throw new IllegalArgumentException("write at " + offset + " (+" + n + ") is out of order or past the disk");
        }
        if (offset != pieceEnd) {
            closePiece();
            pieceStart = offset;
        }
        if (buf.hasArray()) {
            data.write(buf.array(), buf.arrayOffset() + buf.position(), n);
            buf.position(buf.limit());
        } else {
            byte[] chunk = new byte[Math.min(n, 1 << 16)];
            while (buf.hasRemaining()) {
                int k = Math.min(chunk.length, buf.remaining());
                buf.get(chunk, 0, k);
                data.write(chunk, 0, k);
            }
        }
        pieceEnd = offset + n;
        stored += n;
    }

    private void closePiece() {
        if (pieceStart >= 0 && pieceEnd > pieceStart) {
            pieces.add(new TarEntry.SparsePiece(pieceStart, pieceEnd - pieceStart));
        }
    }

    @Override
    public void finish() throws IOException {
        closePiece();
        if (pieces.isEmpty() || pieces.get(pieces.size() - 1).offset() + pieces.get(pieces.size() - 1).length()
                < realSize) {
            pieces.add(new TarEntry.SparsePiece(realSize, 0));
        }
        data.write(TarHeaders.padding(stored));
        data.write(TarHeaders.END);
        data.finish();
        data.flush();
        finalOut = new CountingOutputStream(target, false);
        GZIPOutputStream head = new GZIPOutputStream(finalOut, 1 << 16);
        head.write(TarHeaders.oldGnuSparse(GceImage.MEMBER, realSize, pieces, mtime));
        head.finish();
        head.flush();
        spool.copyTo(finalOut);
        finalOut.flush();
    }

    @Override
    public long bytesWritten() {
        return finalOut != null ? finalOut.count() : spool.size();
    }

    @Override
    public void close() throws IOException {
        try {
            data.close();
        } finally {
            spool.close();
        }
    }
}
