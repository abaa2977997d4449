package io.skyfed.policy.plugin;

/** A filter prepared for one workload. */
@FunctionalInterface
public interface SiteFilter {

    /** @param site the site's index in {@link CycleState} */
    boolean admits(int site);
}
