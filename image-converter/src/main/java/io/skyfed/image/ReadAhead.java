package io.skyfed.image;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads the source of a conversion one step ahead of the writer, on its own thread: it walks the allocation map,
 * reads DATA into a small ring of direct buffers and finds the runs that are not zero blocks, while the converting
 * thread writes the previous buffer. Two memory copies (page cache → buffer → page cache) then overlap. Memory is
 * the ring, whatever the size of the disk.
 */
final class ReadAhead implements AutoCloseable {

    /** A piece of the disk, done up to {@code end}; {@code data} is null for ranges with nothing to write. */
    record Chunk(long offset, long end, ByteBuffer data, int[] runs) {
    }

    private record Failure(Throwable error) {
    }

    private static final Object END = new Object();
    private static final int BUFFERS = 3;
    private static final long POLL_MILLIS = 50;
    /** Span of the disk whose allocation map is asked for at once. */
    private static final long MAP_WINDOW = 1L << 30;

    private final DiskImage source;
    private final long size;
    private final int bufferSize;
    private final int zeroBlock;
    private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(64);
    private final Thread thread;
    private volatile boolean closed;

    ReadAhead(DiskImage source, int bufferSize, int zeroBlock) {
        this.source = source;
        this.size = source.virtualSize();
        this.bufferSize = bufferSize;
        this.zeroBlock = zeroBlock;
        for (int i = 0; i < BUFFERS; i++) {
            free.add(PageBuffers.allocate(bufferSize));
        }
        this.thread = new Thread(this::run, "skyfed-read-ahead");
        thread.setDaemon(true);
        thread.start();
    }

    /** The next chunk in ascending order, or null at the end; rethrows the reader's failure. */
    Chunk next() throws IOException {
        Object o;
        try {
            o = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while converting");
        }
        if (o == END) {
            return null;
        }
        if (o instanceof Failure f) {
            throw Failures.rethrow(f.error());
        }
        return (Chunk) o;
    }

    /** Gives a chunk's buffer back for reading further. */
    void recycle(Chunk chunk) {
        if (chunk.data() != null) {
            free.add(chunk.data().clear());
        }
    }

    private void run() {
        try {
            for (long window = 0; window < size; window += MAP_WINDOW) {
                long windowEnd = Math.min(size, window + MAP_WINDOW);
                Iterator<Extent> extents = source.extents(window, windowEnd - window);
                long expected = window;
                while (extents.hasNext()) {
                    Extent e = extents.next();
                    if (e.offset() != expected || e.end() > windowEnd) {
                        throw new IllegalStateException(source.format() + " reader returned extent " + e + " at " + expected);
                    }
                    expected = e.end();
                    if (e.type() == ExtentType.DATA) {
                        readData(e);
                    } else {
                        hand(new Chunk(e.offset(), e.end(), null, null));
                    }
                }
                if (expected != windowEnd) {
                    throw new IllegalStateException(source.format() + " reader's extents end at " + expected + " of " + windowEnd);
                }
            }
            hand(END);
        } catch (InterruptedException e) {
            // Closed by the converter: nobody is waiting for more.
        } catch (IOException | RuntimeException | Error e) {
            try {
                hand(new Failure(e));
            } catch (InterruptedException ignored) {
                // Closed by the converter while failing: nobody is waiting for the error.
            }
        }
    }

    private void readData(Extent e) throws IOException, InterruptedException {
        long pos = e.offset();
        while (pos < e.end()) {
            // Chunks end on buffer-size boundaries of the disk, so zero blocks stay aligned to the disk, not the extent.
            long chunkEnd = Math.min(e.end(), (pos / bufferSize + 1) * bufferSize);
            int n = (int) (chunkEnd - pos);
            ByteBuffer buf = takeBuffer();
            buf.clear().limit(n);
            source.read(pos, buf);
            buf.flip();
            hand(new Chunk(pos, chunkEnd, buf, nonZeroRuns(pos, buf, n)));
            pos = chunkEnd;
        }
    }

    /** {@code [start, length]} pairs of the runs of {@code buf} (disk offset {@code base}) that are not zero blocks. */
    private int[] nonZeroRuns(long base, ByteBuffer buf, int n) {
        if (zeroBlock == 0) {
            return new int[] {0, n};
        }
        int[] runs = new int[8];
        int count = 0;
        int runStart = -1;
        for (int p = 0; p < n; ) {
            int blockEnd = (int) Math.min(n, ((base + p) / zeroBlock + 1) * zeroBlock - base);
            boolean zero = Zeros.isZero(buf, p, blockEnd);
            if (!zero && runStart < 0) {
                runStart = p;
            } else if (zero && runStart >= 0) {
                runs = add(runs, count, runStart, p - runStart);
                count += 2;
                runStart = -1;
            }
            p = blockEnd;
        }
        if (runStart >= 0) {
            runs = add(runs, count, runStart, n - runStart);
            count += 2;
        }
        return Arrays.copyOf(runs, count);
    }

    private static int[] add(int[] runs, int count, int start, int length) {
        int[] out = count + 2 > runs.length ? Arrays.copyOf(runs, runs.length * 2) : runs;
        out[count] = start;
        out[count + 1] = length;
        return out;
    }

    private ByteBuffer takeBuffer() throws InterruptedException {
        while (true) {
            ByteBuffer b = free.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (b != null) {
                return b;
            }
            if (closed) {
                throw new InterruptedException();
            }
        }
    }

    private void hand(Object o) throws InterruptedException {
        while (!ready.offer(o, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            if (closed) {
                throw new InterruptedException();
            }
        }
    }

    /** Stops the reader and waits for it, so the source is not read after the conversion returns. */
    @Override
    public void close() {
        closed = true;
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
