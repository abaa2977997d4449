package io.skyfed.policy.cel;

import io.skyfed.policy.model.Workload;
import io.skyfed.policy.plugin.CycleState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Results of one placement rule, memoised by classes of equal inputs: sites that agree on the fields the rule reads
 * share a site class, workloads (with their tenants) likewise share a workload class, and each (workload class,
 * site class) pair is evaluated at most once per session. Per batch, each workload class's answer over all sites
 * is kept as a bitset (filters) or an array (scorers), so most workloads cost a few word operations per rule.
 * A site's class is recomputed only when {@link CycleState#snapshotVersion(int)} says its snapshot record changed,
 * which is what makes re-evaluation after one site's capacity change incremental. Not thread-safe: one per
 * decision session.
 */
final class PairRuleMemo implements EvaluationCounter {

    private static final byte UNKNOWN = 0;
    private static final byte TRUE = 1;
    private static final byte FALSE = 2;

    private final CompiledRule rule;
    private final boolean readsSite;
    private final Map<Object, Integer> siteClassIds = new HashMap<>();
    private final List<SiteView> siteClasses = new ArrayList<>();
    private final Map<Object, Integer> workloadClassIds = new HashMap<>();
    private final List<StructView[]> workloadClasses = new ArrayList<>();
    private int[] siteClassOf = new int[0];
    private long[] siteClassVersion = new long[0];
    private byte[][] bools = new byte[0][];
    private double[][] numbers = new double[0][];
    private CycleState batch;
    private final Map<Integer, long[]> bitsByClass = new HashMap<>();
    private final Map<Integer, double[]> scoresByClass = new HashMap<>();
    private long evaluations;

    PairRuleMemo(CompiledRule rule) {
        this.rule = rule;
        this.readsSite = rule.inputs().reads("site");
        if (!readsSite) {
            siteClasses.add(null);
        }
    }

    @Override
    public long evaluations() {
        return evaluations;
    }

    /** Brings the site classes up to date with a new batch; per-batch caches survive if no site changed class. */
    private void refresh(CycleState state) {
        if (state == batch) {
            return;
        }
        batch = state;
        int n = state.siteCount();
        if (siteClassOf.length != n) {
            siteClassOf = new int[n];
            siteClassVersion = new long[n];
        }
        boolean changed = false;
        for (int s = 0; s < n; s++) {
            long version = state.snapshotVersion(s);
            if (siteClassVersion[s] != version) {
                int id = readsSite ? classOf(new SiteView(state.site(s))) : 0;
                changed |= id != siteClassOf[s] || siteClassVersion[s] == 0;
                siteClassOf[s] = id;
                siteClassVersion[s] = version;
            }
        }
        if (changed) {
            bitsByClass.clear();
            scoresByClass.clear();
        }
    }

    private int classOf(SiteView view) {
        Object key = rule.inputs().key("site", view);
        Integer id = siteClassIds.get(key);
        if (id == null) {
            id = siteClasses.size();
            siteClassIds.put(key, id);
            siteClasses.add(view);
        }
        return id;
    }

    int workloadClass(Workload workload, CycleState state) {
        refresh(state);
        WorkloadView w = new WorkloadView(workload, state.now());
        TenantView t = new TenantView(state.tenant(workload.tenant()));
        Object key = List.of(rule.inputs().key("workload", w), rule.inputs().key("tenant", t));
        Integer id = workloadClassIds.get(key);
        if (id == null) {
            id = workloadClasses.size();
            workloadClassIds.put(key, id);
            workloadClasses.add(new StructView[] {w, t});
        }
        return id;
    }

    /** The sites this workload class admits, as a bitset; shared, do not modify. */
    long[] admitted(int workloadClass) {
        return bitsByClass.computeIfAbsent(workloadClass, wc -> {
            long[] bits = new long[(siteClassOf.length + 63) >>> 6];
            for (int s = 0; s < siteClassOf.length; s++) {
                if (test(wc, siteClassOf[s])) {
                    bits[s >>> 6] |= 1L << s;
                }
            }
            return bits;
        });
    }

    /** This workload class's raw score on every site; shared, do not modify. */
    double[] scores(int workloadClass) {
        return scoresByClass.computeIfAbsent(workloadClass, wc -> {
            double[] out = new double[siteClassOf.length];
            for (int s = 0; s < siteClassOf.length; s++) {
                out[s] = number(wc, siteClassOf[s]);
            }
            return out;
        });
    }

    private boolean test(int workloadClass, int siteClass) {
        if (workloadClass >= bools.length) {
            bools = Arrays.copyOf(bools, Math.max(workloadClass + 1, bools.length * 2));
        }
        byte[] row = bools[workloadClass];
        if (row == null || siteClass >= row.length) {
            int size = Math.max(siteClasses.size(), row == null ? 16 : row.length * 2);
            row = row == null ? new byte[size] : Arrays.copyOf(row, size);
            bools[workloadClass] = row;
        }
        byte result = row[siteClass];
        if (result == UNKNOWN) {
            evaluations++;
            result = rule.test(variables(workloadClass, siteClass)) ? TRUE : FALSE;
            row[siteClass] = result;
        }
        return result == TRUE;
    }

    private double number(int workloadClass, int siteClass) {
        if (workloadClass >= numbers.length) {
            numbers = Arrays.copyOf(numbers, Math.max(workloadClass + 1, numbers.length * 2));
        }
        double[] row = numbers[workloadClass];
        if (row == null || siteClass >= row.length) {
            int old = row == null ? 0 : row.length;
            int size = Math.max(siteClasses.size(), row == null ? 16 : row.length * 2);
            row = row == null ? new double[size] : Arrays.copyOf(row, size);
            Arrays.fill(row, old, row.length, Double.POSITIVE_INFINITY);
            numbers[workloadClass] = row;
        }
        double result = row[siteClass];
        if (result == Double.POSITIVE_INFINITY) {
            evaluations++;
            result = rule.number(variables(workloadClass, siteClass));
            row[siteClass] = result;
        }
        return result;
    }

    private dev.cel.runtime.CelVariableResolver variables(int workloadClass, int siteClass) {
        StructView[] w = workloadClasses.get(workloadClass);
        SiteView site = siteClasses.get(siteClass);
        return name -> switch (name) {
            case "workload" -> Optional.of(w[0]);
            case "tenant" -> Optional.of(w[1]);
            case "site" -> Optional.ofNullable(site);
            default -> Optional.empty();
        };
    }
}
