package io.skyfed.policy.engine;

import io.skyfed.policy.decision.Rejections;
import io.skyfed.policy.model.Workload;
import io.skyfed.policy.plugin.CycleState;
import io.skyfed.policy.plugin.FilterPlugin;
import io.skyfed.policy.plugin.ScorePlugin;
import io.skyfed.policy.plugin.SiteFilter;
import io.skyfed.policy.plugin.SiteScorer;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Runs a profile's filters and scorers for one workload over every site: the admissible sites in site order,
 * each rejected site with a bit per rejecting filter, and each admissible site's normalised, weighted score.
 * Buffers are reused from one workload to the next, so a batch allocates almost nothing per site.
 */
final class SiteEvaluation {

    private static final double FULL = 100;

    private final String[] siteIds;
    private final int[] feasible;
    private final int[] rejectedSites;
    private final long[] rejectedMasks;
    private final double[] total;
    private double[][] normalised = new double[0][];
    private int feasibleCount;
    private int rejectedCount;
    private Profile profile;
    private double weightSum;

    SiteEvaluation(String[] siteIds) {
        int n = siteIds.length;
        this.siteIds = siteIds;
        feasible = new int[n];
        rejectedSites = new int[n];
        rejectedMasks = new long[n];
        total = new double[n];
    }

    void evaluate(Workload workload, Profile profile, CycleState state) {
        this.profile = profile;
        List<FilterPlugin> filterPlugins = profile.filters();
        int nf = filterPlugins.size();
        SiteFilter[] filters = new SiteFilter[nf];
        for (int f = 0; f < nf; f++) {
            filters[f] = filterPlugins.get(f).prepare(workload, state);
        }
        feasibleCount = 0;
        rejectedCount = 0;
        int n = siteIds.length;
        for (int s = 0; s < n; s++) {
            long mask = 0;
            for (int f = 0; f < nf; f++) {
                if (!filters[f].admits(s)) {
                    mask |= 1L << f;
                }
            }
            if (mask == 0) {
                feasible[feasibleCount++] = s;
            } else {
                rejectedSites[rejectedCount] = s;
                rejectedMasks[rejectedCount++] = mask;
            }
        }
        score(workload, state);
    }

    private void score(Workload workload, CycleState state) {
        List<ScorePlugin> scorers = profile.scorers();
        double[] weights = profile.weights();
        int ns = scorers.size();
        if (normalised.length < ns) {
            normalised = new double[ns][siteIds.length];
        }
        Arrays.fill(total, 0, feasibleCount, 0);
        weightSum = 0;
        for (int k = 0; k < ns; k++) {
            if (weights[k] == 0) {
                continue;
            }
            weightSum += weights[k];
            SiteScorer scorer = scorers.get(k).prepare(workload, state);
            double[] norm = normalised[k];
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < feasibleCount; i++) {
                double v = scorer.score(feasible[i]);
                norm[i] = v;
                if (v < min) {
                    min = v;
                }
                if (v > max) {
                    max = v;
                }
            }
            double range = max - min;
            for (int i = 0; i < feasibleCount; i++) {
                double v = norm[i];
                norm[i] = Double.isNaN(v) ? 0 : range > 0 ? (v - min) / range * FULL : FULL;
                total[i] += weights[k] * norm[i];
            }
        }
        if (weightSum > 0) {
            for (int i = 0; i < feasibleCount; i++) {
                total[i] /= weightSum;
            }
        }
    }

    int feasibleCount() {
        return feasibleCount;
    }

    /** The position of a site among the admissible ones, or -1 if it was rejected. */
    int position(int site) {
        int i = Arrays.binarySearch(feasible, 0, feasibleCount, site);
        return i < 0 ? -1 : i;
    }

    int site(int position) {
        return feasible[position];
    }

    double total(int position) {
        return total[position];
    }

    /** The admissible site with the highest score among those allowed; ties go to the lowest site id; -1 if none. */
    int best(IntPredicate allowed) {
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < feasibleCount; i++) {
            if (total[i] > bestScore && allowed.test(feasible[i])) {
                best = i;
                bestScore = total[i];
            }
        }
        return best;
    }

    /** Each scorer's weighted contribution to the total of the site at this position. */
    Map<String, Double> breakdown(int position) {
        if (weightSum == 0) {
            return Map.of();
        }
        Map<String, Double> out = new LinkedHashMap<>();
        List<ScorePlugin> scorers = profile.scorers();
        for (int k = 0; k < scorers.size(); k++) {
            double w = profile.weights()[k];
            if (w > 0) {
                out.put(scorers.get(k).name(), round(w * normalised[k][position] / weightSum));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    Rejections rejections() {
        return new Rejections(siteIds, profile.filterNames(), Arrays.copyOf(rejectedSites, rejectedCount),
                Arrays.copyOf(rejectedMasks, rejectedCount), rejectedCount);
    }

    /** The filters that rejected one site. */
    List<String> rejectionsOf(int site) {
        int i = Arrays.binarySearch(rejectedSites, 0, rejectedCount, site);
        if (i < 0) {
            return List.of();
        }
        String[] names = profile.filterNames();
        return java.util.stream.IntStream.range(0, names.length).filter(f -> (rejectedMasks[i] & (1L << f)) != 0)
                .mapToObj(f -> names[f]).toList();
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
