package io.skyfed.policy.plugin;

/** A filter prepared for one workload. */
@FunctionalInterface
public interface SiteFilter {

    /** Admits every site; the engine skips it entirely. */
    SiteFilter ALL = site -> true;

    /** @param site the site's index in {@link CycleState} */
    boolean admits(int site);

    /**
     * Sets bit {@code s} of {@code admitted} (bit s % 64 of word s / 64) for every admitted site and clears the
     * others. Override when the whole answer is cheaper than site-by-site checks (precomputed bitsets).
     */
    default void admitted(long[] admitted, int siteCount) {
        java.util.Arrays.fill(admitted, 0L);
        for (int s = 0; s < siteCount; s++) {
            if (admits(s)) {
                admitted[s >>> 6] |= 1L << s;
            }
        }
    }
}
