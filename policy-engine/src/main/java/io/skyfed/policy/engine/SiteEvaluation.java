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
 * Filters answer as bitsets over the sites and are combined word by word; buffers are reused from one workload to
 * the next, so a batch allocates almost nothing per site.
 */
final class SiteEvaluation {

    private static final double FULL = 100;

    private final String[] siteIds;
    private final int[] feasible;
    private final double[] total;
    private final int words;
    private final long[] allSites;
    private final long[] admitted;
    private final int[] activeFilters = new int[PolicyCompiler.MAX_FILTERS];
    private long[][] filterBits = new long[0][];
    private double[][] normalised = new double[0][];
    private int feasibleCount;
    private int activeCount;
    private Profile profile;
    private double weightSum;

    SiteEvaluation(String[] siteIds) {
        int n = siteIds.length;
        this.siteIds = siteIds;
        feasible = new int[n];
        total = new double[n];
        words = (n + 63) >>> 6;
        allSites = new long[words];
        for (int s = 0; s < n; s++) {
            allSites[s >>> 6] |= 1L << s;
        }
        admitted = new long[words];
    }

    void evaluate(Workload workload, Profile profile, CycleState state, UpfrontPreparation upfront, int position) {
        this.profile = profile;
        List<FilterPlugin> filterPlugins = profile.filters();
        int nf = filterPlugins.size();
        if (filterBits.length < nf) {
            filterBits = new long[nf][words];
        }
        System.arraycopy(allSites, 0, admitted, 0, words);
        int active = 0;
        for (int f = 0; f < nf; f++) {
            FilterPlugin plugin = filterPlugins.get(f);
            SiteFilter early = upfront.filter(plugin, position);
            SiteFilter filter = early != null ? early : plugin.filter(workload, state);
            if (filter == SiteFilter.ALL) {
                continue;
            }
            long[] bits = filterBits[active];
            filter.admitted(bits, siteIds.length);
            activeFilters[active++] = f;
            for (int w = 0; w < words; w++) {
                admitted[w] &= bits[w];
            }
        }
        activeCount = active;
        feasibleCount = 0;
        for (int w = 0; w < words; w++) {
            long in = admitted[w];
            while (in != 0) {
                feasible[feasibleCount++] = (w << 6) + Long.numberOfTrailingZeros(in);
                in &= in - 1;
            }
        }
        score(workload, state, upfront, position);
    }

    private void score(Workload workload, CycleState state, UpfrontPreparation upfront, int position) {
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
            SiteScorer early = upfront.scorer(scorers.get(k), position);
            SiteScorer scorer = early != null ? early : scorers.get(k).score(workload, state);
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
        String[] all = profile.filterNames();
        String[] names = new String[activeCount];
        long[][] bits = new long[activeCount][];
        for (int i = 0; i < activeCount; i++) {
            names[i] = all[activeFilters[i]];
            bits[i] = filterBits[i].clone();
        }
        return new Rejections(siteIds, names, bits);
    }

    /** The filters that rejected one site. */
    List<String> rejectionsOf(int site) {
        String[] all = profile.filterNames();
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < activeCount; i++) {
            if ((filterBits[i][site >>> 6] & (1L << site)) == 0) {
                out.add(all[activeFilters[i]]);
            }
        }
        return out;
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
