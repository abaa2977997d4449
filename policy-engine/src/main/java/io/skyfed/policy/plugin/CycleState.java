package io.skyfed.policy.plugin;

import io.skyfed.policy.model.Resources;
import io.skyfed.policy.model.Site;
import io.skyfed.policy.model.Tenant;
import io.skyfed.policy.model.Workload;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * What plugins may read during one batch of decisions: the snapshot plus everything the batch has committed so
 * far (capacity taken, group members placed, tenant spend). Sites are addressed by index, ordered by id.
 */
public interface CycleState {

    Instant now();

    int siteCount();

    Site site(int site);

    /** The index of a site id, or -1. */
    int indexOf(String siteId);

    /** Use of the site including earlier decisions of this batch. */
    Resources used(int site);

    /** Room left on the site for new arrivals. */
    Resources free(int site);

    /** True when the site holds more than its capacity even after the moves decided so far leave it. */
    boolean overcommitted(int site);

    /**
     * Changes only when the site's record in the snapshot changes (not when the batch takes capacity on it): a key
     * for caches of results that depend on the snapshot alone, kept across the snapshots of a session.
     */
    long snapshotVersion(int site);

    /** The index of the workload's current site, or -1 while pending. */
    int currentSite(Workload workload);

    /** Workloads of the affinity group on the site (including the one deciding, if it is there). */
    int affinityMembers(String group, int site);

    /** Workloads of the affinity group anywhere. */
    int affinityMembersTotal(String group);

    /** Workloads of the anti-affinity group on the site (including the one deciding, if it is there). */
    int antiAffinityMembers(String group, int site);

    /** Workloads of the tenant on the site. */
    int tenantWorkloads(String tenant, int site);

    Tenant tenant(String tenantId);

    Resources tenantUsed(String tenantId);

    double tenantSpendPerHour(String tenantId);

    /** True when a burst trigger is active in this batch. */
    boolean burstActive();

    /** Scratch state a plugin keeps for the life of a decision session (memo tables, per-site caches). */
    <T> T attachment(Object key, Supplier<T> init);
}
