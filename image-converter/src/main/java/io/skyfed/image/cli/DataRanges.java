package io.skyfed.image.cli;

import io.skyfed.image.DiskImage;
import io.skyfed.image.Extent;
import io.skyfed.image.ExtentType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The stored-data ranges of images, a window at a time, so that reading commands skip holes and zeros. */
final class DataRanges {

    static final long WINDOW = 1L << 30;

    private DataRanges() {
    }

    /** Merged {@code [start, end)} pairs where any of {@code images} has DATA inside {@code [from, to)}. */
    static List<long[]> union(long from, long to, DiskImage... images) throws IOException {
        List<long[]> all = new ArrayList<>();
        for (DiskImage image : images) {
            long end = Math.min(to, image.virtualSize());
            if (from >= end) {
                continue;
            }
            Iterator<Extent> it = image.extents(from, end - from);
            while (it.hasNext()) {
                Extent e = it.next();
                if (e.type() == ExtentType.DATA) {
                    all.add(new long[] {e.offset(), e.end()});
                }
            }
        }
        all.sort((a, b) -> Long.compare(a[0], b[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] r : all) {
            if (!merged.isEmpty() && merged.get(merged.size() - 1)[1] >= r[0]) {
                long[] last = merged.get(merged.size() - 1);
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.add(r);
            }
        }
        return merged;
    }
}
