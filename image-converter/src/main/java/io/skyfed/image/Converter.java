package io.skyfed.image;

import java.io.IOException;

/**
 * Copies the virtual disk of one image into a new image of another format, streaming: extents are visited in
 * ascending order, only {@link ExtentType#DATA} is read, and data blocks that turn out to be all zero are not
 * written either. Reading runs one buffer ahead of writing on a second thread ({@link ReadAhead}); memory is a few
 * read buffers, whatever the size of the disk.
 */
public final class Converter {

    /** Bytes read from the source per call: large enough to amortise system calls and table look-ups. */
    public static final int DEFAULT_BUFFER = 4 << 20;
    /** Granularity of zero detection in data blocks (qemu-img's default {@code -S 4k}). */
    public static final int DEFAULT_ZERO_BLOCK = 4096;

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
        try (ImageWriter writer = target.create(out, size, options);
             ReadAhead reader = new ReadAhead(source, bufferSize, zeroBlock)) {
            for (ReadAhead.Chunk c = reader.next(); c != null; c = reader.next()) {
                int[] runs = c.runs();
                for (int i = 0; runs != null && i < runs.length; i += 2) {
                    writer.write(c.offset() + runs[i], c.data().slice(runs[i], runs[i + 1]));
                }
                reader.recycle(c);
                progress.progress(c.end(), size);
            }
            writer.finish();
            progress.progress(size, size);
            return writer.bytesWritten();
        }
    }
}
