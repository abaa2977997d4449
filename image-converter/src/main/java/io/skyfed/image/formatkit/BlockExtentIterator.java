package io.skyfed.image.formatkit;

import io.skyfed.image.Extent;
import io.skyfed.image.ExtentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The allocation map of a block-mapped image (VHD, VHDX, VDI), produced lazily block by block so a huge sparse
 * disk never materialises one object per block; neighbouring extents of the same type are merged.
 */
public abstract class BlockExtentIterator implements Iterator<Extent> {

    private final long blockSize;
    private final long end;
    private long cursor;
    private final ArrayDeque<Extent> pending = new ArrayDeque<>();
    private Extent held;

    protected BlockExtentIterator(long blockSize, long offset, long length) {
        this.blockSize = blockSize;
        this.cursor = offset;
        this.end = offset + length;
    }

    /**
     * Emits, through {@link #emit}, extents covering exactly {@code [from, to)} of block {@code index}
     * ({@code from} and {@code to} lie inside that block).
     */
    protected abstract void describe(long index, long from, long to) throws IOException;

    /** Called by {@link #describe}. */
    protected final void emit(long offset, long length, ExtentType type) {
        if (length > 0) {
            pending.add(new Extent(offset, length, type));
        }
    }

    @Override
    public final boolean hasNext() {
        fill();
        return held != null;
    }

    @Override
    public final Extent next() {
        fill();
        if (held == null) {
            throw new NoSuchElementException();
        }
        Extent out = held;
        held = null;
        return out;
    }

    private void fill() {
        while (true) {
            if (pending.isEmpty() && cursor < end) {
                long index = cursor / blockSize;
                long to = Math.min(end, (index + 1) * blockSize);
                try {
                    describe(index, cursor, to);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                cursor = to;
            }
            if (pending.isEmpty()) {
                return;
            }
            Extent next = pending.peek();
            if (held == null) {
                held = pending.poll();
            } else if (held.type() == next.type() && held.end() == next.offset()) {
                pending.poll();
                held = new Extent(held.offset(), held.length() + next.length(), held.type());
            } else {
                return;
            }
            if (pending.isEmpty() && cursor >= end) {
                return;
            }
        }
    }
}
