package io.skyfed.image.cli;

import io.skyfed.image.ProgressListener;
import java.io.PrintStream;

/** qemu-img's {@code -p} display, "    (42.00/100%)", redrawn on stderr at most ten times a second. */
final class ProgressBar implements ProgressListener {

    private static final long INTERVAL_NANOS = 100_000_000L;

    private final PrintStream err;
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintStream err) {
        this.err = err;
    }

    @Override
    public void progress(long done, long total) {
        long now = System.nanoTime();
        if (drawn && now - lastDraw < INTERVAL_NANOS && done < total) {
            return;
        }
        lastDraw = now;
        drawn = true;
        double pct = total == 0 ? 100.0 : 100.0 * done / total;
        err.printf("    (%.2f/100%%)\r", pct);
        err.flush();
    }

    void end() {
        if (drawn) {
            err.println();
        }
    }
}
