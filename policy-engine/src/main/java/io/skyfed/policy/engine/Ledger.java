package io.skyfed.policy.engine;

import io.skyfed.policy.model.Resources;
import io.skyfed.policy.model.Site;
import io.skyfed.policy.model.Snapshot;
import io.skyfed.policy.model.Tenant;
import io.skyfed.policy.model.Workload;
import io.skyfed.policy.plugin.CycleState;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The accounting of one batch: the snapshot plus every decision committed so far. Capacity taken by a placement
 * or a migration's target is gone for later workloads of the batch; capacity a migration frees at its source is
 * not handed out again in the same batch (the move takes time), but it does count towards ending an overcommit.
 */
final class Ledger implements CycleState {

    private final Session session;
    private final Instant now;
    private final Site[] sites;
    private final Map<String, Integer> index = new HashMap<>();
    private final Resources[] used;
    private final Resources[] free;
    private final Resources[] leaving;
    private final long[] versions;
    private final Map<String, int[]> affinity = new HashMap<>();
    private final Map<String, Integer> affinityTotals = new HashMap<>();
    private final Map<String, int[]> antiAffinity = new HashMap<>();
    private final Map<String, int[]> tenantCounts = new HashMap<>();
    private final Map<String, Tenant> tenants = new HashMap<>();
    private final Map<String, Resources> tenantUsed = new HashMap<>();
    private final Map<String, Double> tenantSpend = new HashMap<>();
    private boolean burstActive;

    Ledger(Snapshot snapshot, Session session) {
        this.session = session;
        this.now = snapshot.time();
        this.sites = snapshot.sites().stream().sorted(Comparator.comparing(Site::id)).toArray(Site[]::new);
        int n = sites.length;
        used = new Resources[n];
        free = new Resources[n];
        leaving = new Resources[n];
        versions = new long[n];
        for (int i = 0; i < n; i++) {
            index.put(sites[i].id(), i);
            used[i] = sites[i].used();
            free[i] = sites[i].capacity().minusFloored(used[i]);
            leaving[i] = Resources.ZERO;
            versions[i] = session.initialVersion(sites[i]);
        }
        for (Tenant t : snapshot.tenants()) {
            tenants.put(t.id(), t);
        }
        for (Workload w : snapshot.workloads()) {
            tenants.computeIfAbsent(w.tenant(), Tenant::unlimited);
            int at = currentSite(w);
            if (at >= 0) {
                join(w, at);
                tenantUsed.merge(w.tenant(), w.size(), Resources::plus);
                tenantSpend.merge(w.tenant(), sites[at].prices().hourlyCost(w.size()), Double::sum);
            }
        }
    }

    void setBurstActive(boolean active) {
        this.burstActive = active;
    }

    /** Commits a pending workload's placement. */
    void place(Workload w, int target) {
        take(target, w.size());
        join(w, target);
        tenantUsed.merge(w.tenant(), w.size(), Resources::plus);
        tenantSpend.merge(w.tenant(), sites[target].prices().hourlyCost(w.size()), Double::sum);
    }

    /** Commits a running workload's move. */
    void migrate(Workload w, int from, int target) {
        take(target, w.size());
        leaving[from] = leaving[from].plus(w.size());
        leave(w, from);
        join(w, target);
        tenantSpend.merge(w.tenant(), sites[target].prices().hourlyCost(w.size())
                - sites[from].prices().hourlyCost(w.size()), Double::sum);
    }

    private void take(int site, Resources size) {
        used[site] = used[site].plus(size);
        free[site] = sites[site].capacity().minusFloored(used[site]);
    }

    private void join(Workload w, int site) {
        count(affinity, w.affinityGroup(), site, 1);
        if (!w.affinityGroup().isEmpty()) {
            affinityTotals.merge(w.affinityGroup(), 1, Integer::sum);
        }
        count(antiAffinity, w.antiAffinityGroup(), site, 1);
        count(tenantCounts, w.tenant(), site, 1);
    }

    private void leave(Workload w, int site) {
        count(affinity, w.affinityGroup(), site, -1);
        if (!w.affinityGroup().isEmpty()) {
            affinityTotals.merge(w.affinityGroup(), -1, Integer::sum);
        }
        count(antiAffinity, w.antiAffinityGroup(), site, -1);
        count(tenantCounts, w.tenant(), site, -1);
    }

    private void count(Map<String, int[]> counts, String key, int site, int delta) {
        if (!key.isEmpty()) {
            counts.computeIfAbsent(key, k -> new int[sites.length])[site] += delta;
        }
    }

    private static int countOf(Map<String, int[]> counts, String key, int site) {
        int[] c = counts.get(key);
        return c == null ? 0 : c[site];
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public int siteCount() {
        return sites.length;
    }

    @Override
    public Site site(int site) {
        return sites[site];
    }

    @Override
    public int indexOf(String siteId) {
        Integer i = siteId == null ? null : index.get(siteId);
        return i == null ? -1 : i;
    }

    @Override
    public Resources used(int site) {
        return used[site];
    }

    @Override
    public Resources free(int site) {
        return free[site];
    }

    @Override
    public boolean overcommitted(int site) {
        Resources remaining = used[site].minusFloored(leaving[site]);
        return !remaining.fits(sites[site].capacity());
    }

    @Override
    public long snapshotVersion(int site) {
        return versions[site];
    }

    @Override
    public int currentSite(Workload workload) {
        return indexOf(workload.currentSite());
    }

    @Override
    public int affinityMembers(String group, int site) {
        return countOf(affinity, group, site);
    }

    @Override
    public int affinityMembersTotal(String group) {
        return affinityTotals.getOrDefault(group, 0);
    }

    @Override
    public int antiAffinityMembers(String group, int site) {
        return countOf(antiAffinity, group, site);
    }

    @Override
    public int tenantWorkloads(String tenant, int site) {
        return countOf(tenantCounts, tenant, site);
    }

    @Override
    public Tenant tenant(String tenantId) {
        Tenant t = tenants.get(tenantId);
        return t != null ? t : Tenant.unlimited(tenantId);
    }

    @Override
    public Resources tenantUsed(String tenantId) {
        return tenantUsed.getOrDefault(tenantId, Resources.ZERO);
    }

    @Override
    public double tenantSpendPerHour(String tenantId) {
        return tenantSpend.getOrDefault(tenantId, 0.0);
    }

    @Override
    public boolean burstActive() {
        return burstActive;
    }

    @Override
    public <T> T attachment(Object key, Supplier<T> init) {
        return session.attachment(key, init);
    }
}
