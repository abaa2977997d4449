package io.skyfed.policy;

import io.skyfed.policy.model.Prices;
import io.skyfed.policy.model.Resources;
import io.skyfed.policy.model.Site;
import io.skyfed.policy.model.SiteKind;
import io.skyfed.policy.model.Snapshot;
import io.skyfed.policy.model.Workload;
import io.skyfed.policy.plugin.PluginRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small builders for sites, workloads, snapshots and policies in tests. */
public final class Fixtures {

    public static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private Fixtures() {
    }

    public static PolicyEngine engine(String yaml) {
        return PolicyEngine.parse("test.yaml", yaml, PluginRegistry.builtIn());
    }

    public static Snapshot snapshot(List<Site> sites, List<Workload> workloads) {
        return new Snapshot(NOW, sites, List.of(), workloads, Map.of());
    }

    public static Resources cpu(long vcpu) {
        return new Resources(vcpu, vcpu * 1024, vcpu * 10, 0);
    }

    public static SiteBuilder site(String id) {
        return new SiteBuilder(id);
    }

    public static WorkloadBuilder workload(String id) {
        return new WorkloadBuilder(id);
    }

    /** A site with everything defaulted: on premise, EU, 16 vCPU free, free of charge. */
    public static final class SiteBuilder {
        private final String id;
        private SiteKind kind = SiteKind.ON_PREMISE;
        private String jurisdiction = "EU";
        private List<String> certifications = List.of();
        private List<String> tags = List.of();
        private Map<String, Long> latency = Map.of();
        private Resources capacity = cpu(16);
        private Resources used = Resources.ZERO;
        private Prices prices = Prices.FREE;
        private boolean drained;

        private SiteBuilder(String id) {
            this.id = id;
        }

        public SiteBuilder publicCloud() {
            kind = SiteKind.PUBLIC;
            return this;
        }

        public SiteBuilder jurisdiction(String j) {
            jurisdiction = j;
            return this;
        }

        public SiteBuilder certifications(String... c) {
            certifications = List.of(c);
            return this;
        }

        public SiteBuilder tags(String... t) {
            tags = List.of(t);
            return this;
        }

        public SiteBuilder latency(String location, long ms) {
            latency = Map.of(location, ms);
            return this;
        }

        public SiteBuilder capacity(long vcpu) {
            capacity = cpu(vcpu);
            return this;
        }

        public SiteBuilder used(long vcpu) {
            used = cpu(vcpu);
            return this;
        }

        public SiteBuilder vcpuHour(double price) {
            prices = new Prices(price, 0, 0, 0.1);
            return this;
        }

        public SiteBuilder drained() {
            drained = true;
            return this;
        }

        public Site build() {
            return new Site(id, kind, "test", "r1", "z1", jurisdiction, certifications, tags, latency, List.of(),
                    capacity, used, prices, 1000, drained);
        }
    }

    /** A pending 1-vCPU workload of tenant t1 unless told otherwise. */
    public static final class WorkloadBuilder {
        private final String id;
        private String tenant = "t1";
        private Resources size = cpu(1);
        private List<String> tags = List.of();
        private String classification = "";
        private List<String> residency = List.of();
        private List<String> certifications = List.of();
        private String affinity;
        private String antiAffinity;
        private long priority;
        private String currentSite;
        private Instant since;
        private String userLocation;

        private WorkloadBuilder(String id) {
            this.id = id;
        }

        public WorkloadBuilder tenant(String t) {
            tenant = t;
            return this;
        }

        public WorkloadBuilder vcpu(long v) {
            size = cpu(v);
            return this;
        }

        public WorkloadBuilder tags(String... t) {
            tags = List.of(t);
            return this;
        }

        public WorkloadBuilder classification(String c) {
            classification = c;
            return this;
        }

        public WorkloadBuilder residency(String... r) {
            residency = List.of(r);
            return this;
        }

        public WorkloadBuilder certifications(String... c) {
            certifications = List.of(c);
            return this;
        }

        public WorkloadBuilder affinity(String g) {
            affinity = g;
            return this;
        }

        public WorkloadBuilder antiAffinity(String g) {
            antiAffinity = g;
            return this;
        }

        public WorkloadBuilder priority(long p) {
            priority = p;
            return this;
        }

        public WorkloadBuilder runningOn(String site, Duration forHowLong) {
            currentSite = site;
            since = NOW.minus(forHowLong);
            return this;
        }

        public WorkloadBuilder userLocation(String l) {
            userLocation = l;
            return this;
        }

        public Workload build() {
            return new Workload(id, tenant, size, tags, classification, residency, certifications, affinity,
                    antiAffinity, priority, currentSite, since, userLocation, null);
        }
    }
}
