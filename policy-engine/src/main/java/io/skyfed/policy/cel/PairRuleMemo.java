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
 * site class) pair is evaluated at most once per session. Site classes are kept per site index and refreshed only
 * when {@link CycleState#siteVersion(int)} says the site changed, which is what makes re-evaluation after one
 * site's capacity change incremental. Not thread-safe: one per decision session.
 */
final class PairRuleMemo {

    private static final byte UNKNOWN = 0;
    private static final byte TRUE = 1;
    private static final byte FALSE = 2;

    private final CompiledRule rule;
    private final Map<Object, Integer> siteClassIds = new HashMap<>();
    private final List<SiteView> siteClasses = new ArrayList<>();
    private final Map<Object, Integer> workloadClassIds = new HashMap<>();
    private final List<StructView[]> workloadClasses = new ArrayList<>();
    private int[] siteClassOf = new int[0];
    private long[] siteClassVersion = new long[0];
    private byte[][] bools = new byte[0][];
    private double[][] numbers = new double[0][];
    private long evaluations;

    PairRuleMemo(CompiledRule rule) {
        this.rule = rule;
    }

    long evaluations() {
        return evaluations;
    }

    int siteClass(CycleState state, int site) {
        if (site >= siteClassOf.length) {
            int n = Math.max(state.siteCount(), site + 1);
            siteClassOf = Arrays.copyOf(siteClassOf, n);
            siteClassVersion = Arrays.copyOf(siteClassVersion, n);
        }
        long version = state.siteVersion(site);
        if (siteClassVersion[site] != version) {
            SiteView view = new SiteView(state.site(site), state.used(site));
            Object key = rule.inputs().key("site", view);
            Integer id = siteClassIds.get(key);
            if (id == null) {
                id = siteClasses.size();
                siteClassIds.put(key, id);
                siteClasses.add(view);
            }
            siteClassOf[site] = id;
            siteClassVersion[site] = version;
        }
        return siteClassOf[site];
    }

    int workloadClass(Workload workload, CycleState state) {
        WorkloadView w = new WorkloadView(workload, state.now());
        TenantView t = new TenantView(state.tenant(workload.tenant()), state.tenantUsed(workload.tenant()),
                state.tenantSpendPerHour(workload.tenant()));
        Object key = List.of(rule.inputs().key("workload", w), rule.inputs().key("tenant", t));
        Integer id = workloadClassIds.get(key);
        if (id == null) {
            id = workloadClasses.size();
            workloadClassIds.put(key, id);
            workloadClasses.add(new StructView[] {w, t});
        }
        return id;
    }

    boolean test(int workloadClass, int siteClass) {
        if (workloadClass >= bools.length) {
            bools = Arrays.copyOf(bools, Math.max(workloadClass + 1, bools.length * 2));
        }
        byte[] row = bools[workloadClass];
        if (row == null || siteClass >= row.length) {
            row = row == null ? new byte[Math.max(siteClasses.size(), 16)]
                    : Arrays.copyOf(row, Math.max(siteClasses.size(), row.length * 2));
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

    double number(int workloadClass, int siteClass) {
        if (workloadClass >= numbers.length) {
            numbers = Arrays.copyOf(numbers, Math.max(workloadClass + 1, numbers.length * 2));
        }
        double[] row = numbers[workloadClass];
        if (row == null || siteClass >= row.length) {
            int old = row == null ? 0 : row.length;
            row = row == null ? new double[Math.max(siteClasses.size(), 16)]
                    : Arrays.copyOf(row, Math.max(siteClasses.size(), row.length * 2));
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
            case "site" -> Optional.of(site);
            default -> Optional.empty();
        };
    }
}
