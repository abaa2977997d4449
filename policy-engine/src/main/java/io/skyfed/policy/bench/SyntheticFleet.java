package io.skyfed.policy.bench;

import io.skyfed.policy.model.Prices;
import io.skyfed.policy.model.Resources;
import io.skyfed.policy.model.Site;
import io.skyfed.policy.model.SiteKind;
import io.skyfed.policy.model.Snapshot;
import io.skyfed.policy.model.Tenant;
import io.skyfed.policy.model.Workload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A reproducible synthetic fleet and policy for benchmarks: a fifth of the sites on premise, the rest public
 * regions in five jurisdictions; workloads of mixed sizes, residency, groups and tenants (a third running); and a
 * policy with R CEL rules (filters and scorers drawn from realistic templates) on top of the built-in plugins.
 */
public final class SyntheticFleet {

    private static final String[] JURISDICTIONS = {"EU", "US", "UK", "CH", "JP"};
    private static final String[] CERTIFICATIONS = {"iso27001", "hds", "pci", "soc2"};
    private static final String[] SITE_TAGS = {"ssd", "gpu", "degraded", "arm", "spot"};
    private static final String[] LOCATIONS = {"paris", "london", "new-york", "tokyo"};
    private static final String[] FORMATS = {"qcow2", "raw", "vmdk"};
    private static final String[] CLASSES = {"public", "internal", "confidential"};
    private static final long[][] SIZES = {{1, 2048, 20}, {2, 4096, 40}, {4, 16384, 80}, {8, 32768, 200},
        {16, 65536, 500}};
    private static final Instant TIME = Instant.parse("2026-11-26T12:00:00Z");

    private static final String[] FILTERS = {
        "workload.size.gpus == 0 || site.capacity.gpus > 0",
        "workload.classification != 'confidential' || site.onPremise",
        "workload.imageFormat == '' || workload.imageFormat in site.imageFormats",
        "!('degraded' in site.tags) || workload.priority < 50",
        "workload.userLocation == '' || !(workload.userLocation in site.latencyMs)"
            + " || site.latencyMs[workload.userLocation] < 180",
        "site.prices.vcpuHour * double(workload.size.vcpu) < 4.0",
        "workload.tags.all(t, t != 'pinned-onprem') || site.onPremise",
        "site.certifications.exists(c, c == 'iso27001') || workload.classification == 'public'",
        "!('arm' in site.tags) || 'arm' in workload.tags",
        "site.free.vcpu >= workload.size.vcpu * 2 || workload.priority < 20",
        "workload.classification != 'internal' || site.jurisdiction != 'JP'",
        "!('spot' in site.tags) || workload.priority < 30",
    };

    private static final String[] SCORERS = {
        "-site.prices.vcpuHour * double(workload.size.vcpu)",
        "1.0 - site.utilisation",
        "workload.userLocation in site.latencyMs ? -double(site.latencyMs[workload.userLocation]) : -500.0",
        "site.onPremise ? 10.0 : 0.0",
        "double(size(site.certifications))",
        "'ssd' in site.tags && 'io-heavy' in workload.tags ? 5.0 : 0.0",
        "double(site.bandwidthMbps) / 1000.0",
        "site.jurisdiction == 'EU' ? 1.0 : 0.0",
    };

    private SyntheticFleet() {
    }

    /** A policy with {@code rules} CEL rules: three filters for every two scorers. */
    public static String policy(int rules) {
        StringBuilder filters = new StringBuilder("filters:\n");
        StringBuilder scorers = new StringBuilder("scorers:\n");
        int f = 0;
        int s = 0;
        for (int i = 0; i < rules; i++) {
            if (i % 5 < 3) {
                filters.append("  - name: filter-").append(f).append("\n    expr: \"")
                        .append(FILTERS[f % FILTERS.length]).append(f >= FILTERS.length ? " || " + f + " < 0" : "")
                        .append("\"\n");
                f++;
            } else {
                scorers.append("  - name: scorer-").append(s).append("\n    weight: ").append(1 + s % 3)
                        .append("\n    expr: \"").append(SCORERS[s % SCORERS.length])
                        .append(s >= SCORERS.length ? " + " + s + ".0" : "").append("\"\n");
                s++;
            }
        }
        return "name: synthetic\nversion: 1\n"
                + "burst:\n  triggers:\n    - name: backlog\n      pendingAbove: 10\n"
                + "migrations:\n  - name: cheaper\n    cheaperBy: 40%\n    for: 0s\n"
                + (f > 0 ? filters : "") + (s > 0 ? scorers : "");
    }

    public static Snapshot snapshot(int workloads, int sites, long seed) {
        Random random = new Random(seed);
        List<Site> siteList = new ArrayList<>(sites);
        for (int i = 0; i < sites; i++) {
            boolean onPremise = i < Math.max(1, sites / 5);
            long vcpu = onPremise ? 256 + random.nextInt(768) : 2048 + random.nextInt(4096);
            Resources capacity = new Resources(vcpu, vcpu * 4096, vcpu * 100, random.nextInt(4) == 0 ? 16 : 0);
            double load = random.nextDouble() * 0.6;
            Resources used = new Resources((long) (capacity.vcpu() * load), (long) (capacity.ramMiB() * load),
                    (long) (capacity.diskGiB() * load), 0);
            Map<String, Long> latency = new LinkedHashMap<>();
            for (String l : LOCATIONS) {
                if (random.nextInt(4) > 0) {
                    latency.put(l, 1L + random.nextInt(200));
                }
            }
            double base = onPremise ? 0.01 : 0.03 + random.nextDouble() * 0.03;
            siteList.add(new Site(String.format("site-%04d", i),
                    onPremise ? SiteKind.ON_PREMISE : SiteKind.PUBLIC, onPremise ? "libvirt" : "cloud",
                    "region-" + random.nextInt(20), "zone-" + random.nextInt(3),
                    JURISDICTIONS[random.nextInt(JURISDICTIONS.length)], subset(random, CERTIFICATIONS),
                    subset(random, SITE_TAGS), latency, subset(random, FORMATS), capacity, used,
                    new Prices(base, base / 8, 0.02 + random.nextDouble() * 0.06, onPremise ? 0 : 0.09),
                    onPremise ? 10_000 : 1_000, false));
        }
        List<Tenant> tenants = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            tenants.add(new Tenant(String.format("tenant-%02d", t), 0, null));
        }
        List<Workload> workloadList = new ArrayList<>(workloads);
        for (int i = 0; i < workloads; i++) {
            long[] size = SIZES[random.nextInt(SIZES.length)];
            boolean running = random.nextInt(3) == 0;
            String residency = random.nextBoolean() ? null : JURISDICTIONS[random.nextInt(JURISDICTIONS.length)];
            workloadList.add(new Workload(String.format("w-%06d", i), tenants.get(random.nextInt(20)).id(),
                    new Resources(size[0], size[1], size[2], random.nextInt(20) == 0 ? 1 : 0),
                    random.nextInt(4) == 0 ? List.of("io-heavy") : List.of(), CLASSES[random.nextInt(3)],
                    residency == null ? List.of() : List.of(residency),
                    random.nextInt(5) == 0 ? List.of(CERTIFICATIONS[random.nextInt(CERTIFICATIONS.length)]) : List.of(),
                    random.nextInt(20) == 0 ? "aff-" + random.nextInt(workloads / 20 + 1) : null,
                    random.nextInt(10) == 0 ? "anti-" + random.nextInt(workloads / 50 + 1) : null,
                    random.nextInt(100),
                    running ? siteList.get(random.nextInt(sites)).id() : null,
                    running ? TIME.minusSeconds(3600L * random.nextInt(200)) : null,
                    LOCATIONS[random.nextInt(LOCATIONS.length)],
                    random.nextInt(3) == 0 ? FORMATS[random.nextInt(FORMATS.length)] : null));
        }
        return new Snapshot(TIME, siteList, tenants, workloadList, Map.of());
    }

    private static List<String> subset(Random random, String[] values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (random.nextBoolean()) {
                out.add(v);
            }
        }
        return out;
    }
}
