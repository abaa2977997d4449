package io.skyfed.policy.plugin;

/** A scorer prepared for one workload. */
@FunctionalInterface
public interface SiteScorer {

    /** Raw score of the site, higher is better; NaN means "worst" (for example a rule that failed to evaluate). */
    double score(int site);
}
