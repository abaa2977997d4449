package io.skyfed.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Iterator;

/**
 * Copies the virtual disk of one image into a new image of another format, streaming: extents are visited in
 * ascending order, only {@link ExtentType#DATA} is read, and data blocks that turn out to be all zero are not
 * written either. Memory is one read buffer, whatever the size of the disk.
 */
public final class Converter {

    /** Bytes read from the source per call: large enough to amortise system calls and table look-ups. */
    public static final int DEFAULT_BUFFER = 4 << 20;
    /** Granularity of zero detection in data blocks (qemu-img's default {@code -S 4k}). */
    public static final int DEFAULT_ZERO_BLOCK = 4096;

    /** Span of the disk whose allocation map is asked for at once. */
    private static final long MAP_WINDOW = 1L << 30;

    private final int bufferSize;
    private final int zeroBlock;

    public Converter() {
        this(DEFAULT_BUFFER, DEFAULT_ZERO_BLOCK);
    }

    /**
     * @param zeroBlock granularity of zero detection, a multiple of 512 that divides {@code bufferSize};
     *                  0 writes every data extent as it is (qemu-img's {@code -S 0})
     */
    public Converter(int bufferSize, int zeroBlock) {
        if (bufferSize < 512 || bufferSize % 512 != 0 || zeroBlock < 0 || zeroBlock % 512 != 0
                || (zeroBlock > 0 && bufferSize % zeroBlock != 0)) {
            throw new IllegalArgumentException("buffer " + bufferSize + " / zero block " + zeroBlock);
        }
        this.bufferSize = bufferSize;
        this.zeroBlock = zeroBlock;
    }

    /**
     * Converts {@code source} into a new {@code target} image written to {@code out}; the virtual size is kept.
     * The caller closes {@code source} and {@code out}. On failure the partial output is abandoned.
     *
     * @return bytes written to {@code out}
     */
    public long convert(DiskImage source, ImageFormat target, WriteTarget out, WriteOptions options,
                        ProgressListener progress) throws IOException {
        if (out instanceof WriteTarget.Stream && !target.writesSequentially()) {
            throw new IllegalArgumentException(target.name() + " cannot be written to a stream; give a file");
        }
        long size = source.virtualSize();
        try (ImageWriter writer = target.create(out, size, options)) {
            copy(source, writer, size, progress);
            writer.finish();
            progress.progress(size, size);
            return writer.bytesWritten();
        }
    }

    private void copy(DiskImage source, ImageWriter writer, long size, ProgressListener progress) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(bufferSize);
        // The allocation map is asked for a window at a time so that its size stays bounded for any disk.
        for (long window = 0; window < size; window += MAP_WINDOW) {
            long windowEnd = Math.min(size, window + MAP_WINDOW);
            Iterator<Extent> extents = extents(source, window, windowEnd - window);
            long expected = window;
            while (hasNext(extents)) {
                Extent e = next(extents);
                if (e.offset() != expected || e.end() > windowEnd) {
                    throw new IllegalStateException(source.format() + " reader returned extent " + e + " at " + expected);
                }
                expected = e.end();
                if (e.type() == ExtentType.DATA) {
                    copyData(source, writer, e, buf, size, progress);
                }
                progress.progress(e.end(), size);
            }
            if (expected != windowEnd) {
                throw new IllegalStateException(source.format() + " reader's extents end at " + expected + " of " + windowEnd);
            }
        }
    }

    private static Iterator<Extent> extents(DiskImage source, long offset, long length) throws IOException {
        try {
            return source.extents(offset, length);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Lazy allocation maps may fail while iterating; their I/O errors stay I/O errors. */
    private static boolean hasNext(Iterator<Extent> it) throws IOException {
        try {
            return it.hasNext();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Extent next(Iterator<Extent> it) throws IOException {
        try {
            return it.next();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void copyData(DiskImage source, ImageWriter writer, Extent e, ByteBuffer buf, long size,
                          ProgressListener progress) throws IOException {
        long pos = e.offset();
        while (pos < e.end()) {
            // Chunks end on buffer-size boundaries of the disk so zero blocks stay aligned to the disk, not the extent.
            long chunkEnd = Math.min(e.end(), (pos / bufferSize + 1) * bufferSize);
            int n = (int) (chunkEnd - pos);
            buf.clear().limit(n);
            source.read(pos, buf);
            buf.flip();
            writeNonZero(writer, pos, buf, n);
            pos = chunkEnd;
            progress.progress(pos, size);
        }
    }

    /** Writes the runs of {@code buf} (disk offset {@code base}) that are not whole zero blocks. */
    private void writeNonZero(ImageWriter writer, long base, ByteBuffer buf, int n) throws IOException {
        if (zeroBlock == 0) {
            writer.write(base, buf.slice(0, n));
            return;
        }
        int runStart = -1;
        int p = 0;
        while (p < n) {
            int blockEnd = (int) Math.min(n, ((base + p) / zeroBlock + 1) * zeroBlock - base);
            boolean zero = Zeros.isZero(buf, p, blockEnd);
            if (!zero && runStart < 0) {
                runStart = p;
            } else if (zero && runStart >= 0) {
                writer.write(base + runStart, buf.slice(runStart, p - runStart));
                runStart = -1;
            }
            p = blockEnd;
        }
        if (runStart >= 0) {
            writer.write(base + runStart, buf.slice(runStart, n - runStart));
        }
    }
}
