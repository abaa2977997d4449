package io.skyfed.image;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Builds an allocation map in ascending order, merging neighbours of the same type. */
public final class ExtentList {

    private final List<Extent> extents = new ArrayList<>();
    private long lastEnd = -1;
    private long lastOffset;
    private ExtentType lastType;

    /** Appends {@code [offset, offset + length)}; must start where the previous one ended. Empty runs are ignored. */
    public void add(long offset, long length, ExtentType type) {
        if (length <= 0) {
            return;
        }
        if (lastEnd >= 0 && offset != lastEnd) {
            throw new IllegalStateException("extent at " + offset + " does not follow " + lastEnd);
        }
        if (lastEnd >= 0 && type == lastType) {
            lastEnd = offset + length;
            return;
        }
        flush();
        lastOffset = offset;
        lastEnd = offset + length;
        lastType = type;
    }

    private void flush() {
        if (lastEnd > lastOffset && lastType != null) {
            extents.add(new Extent(lastOffset, lastEnd - lastOffset, lastType));
        }
    }

    public Iterator<Extent> iterator() {
        flush();
        lastType = null;
        return List.copyOf(extents).iterator();
    }
}
