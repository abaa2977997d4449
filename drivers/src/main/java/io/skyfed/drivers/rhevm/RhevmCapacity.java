package io.skyfed.drivers.rhevm;

import static io.skyfed.drivers.rhevm.OvirtJson.items;
import static io.skyfed.drivers.rhevm.OvirtJson.ref;
import static io.skyfed.drivers.rhevm.OvirtJson.text;

import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.CapacityFigure;
import io.skyfed.drivers.spi.CapacityReport;
import io.skyfed.drivers.spi.CapacityResource;
import io.skyfed.drivers.spi.CapacityService;
import io.skyfed.drivers.spi.InstanceState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine's capacity, per cluster (realm) and in total: the logical CPUs of the hosts that are up against the
 * vCPUs of running VMs, their memory against the {@code memory.used} statistic the hosts report, data storage
 * domains' bytes, and the running VMs.
 */
final class RhevmCapacity implements CapacityService {

    private static final long GIB = 1L << 30;

    private final RhevmAccount account;

    RhevmCapacity(RhevmAccount account) {
        this.account = account;
    }

    /** Totals of one cluster, or of all. */
    private static final class Tally {
        long cpus;
        long vcpus;
        long memoryMb;
        long memoryUsedMb;
        long running;
    }

    @Override
    public CapacityReport capacity() {
        Map<String, Tally> clusters = new TreeMap<>();
        Tally all = new Tally();
        for (JsonObject host : OvirtPages.all(account, "list hosts", "host", "/hosts", "host", "statistics")) {
            if (!"up".equals(text(host, "status"))) {
                continue;
            }
            long used = RhevmProfiles.megabytes(statistic(host, "memory.used"));
            for (Tally t : List.of(all, clusters.computeIfAbsent(ref(host, "cluster"), c -> new Tally()))) {
                t.cpus += OvirtJson.cpus(host);
                t.memoryMb += RhevmProfiles.megabytes(OvirtJson.number(host, "memory", 0));
                t.memoryUsedMb += used;
            }
        }
        for (JsonObject vm : OvirtPages.all(account, "list vms", "instance", "/vms", "vm", null)) {
            if (RhevmStates.of(text(vm, "status")) != InstanceState.RUNNING) {
                continue;
            }
            for (Tally t : List.of(all, clusters.computeIfAbsent(ref(vm, "cluster"), c -> new Tally()))) {
                t.vcpus += OvirtJson.cpus(vm);
                t.running++;
            }
        }
        long storageUsed = 0;
        long storageTotal = 0;
        for (JsonObject domain : items(account.get("list storage domains", "storage_domain", null,
                "/storagedomains"), "storage_domain")) {
            if ("data".equals(text(domain, "type"))) {
                long used = OvirtJson.number(domain, "used", 0);
                storageUsed += used;
                storageTotal += used + OvirtJson.number(domain, "available", 0);
            }
        }
        List<CapacityFigure> figures = new ArrayList<>(figures(null, all));
        figures.add(new CapacityFigure(CapacityResource.STORAGE_GB, null, storageUsed / GIB, storageTotal / GIB));
        clusters.forEach((cluster, tally) -> figures.addAll(figures(cluster, tally)));
        return new CapacityReport(Instant.now(), figures);
    }

    private static List<CapacityFigure> figures(String realm, Tally t) {
        // An overcommitted cluster is full, not "negatively free": its limit is what is already handed out.
        return List.of(
                new CapacityFigure(CapacityResource.VCPUS, realm, t.vcpus, Math.max(t.cpus, t.vcpus)),
                new CapacityFigure(CapacityResource.MEMORY_MB, realm, t.memoryUsedMb,
                        Math.max(t.memoryMb, t.memoryUsedMb)),
                new CapacityFigure(CapacityResource.INSTANCES, realm, t.running, CapacityFigure.UNLIMITED));
    }

    /** A host statistic's current value: {@code {"name": ..., "values": {"value": [{"datum": n}]}}}. */
    private static long statistic(JsonObject host, String name) {
        return OvirtJson.nested(host, "statistics", "statistic").stream()
                .filter(s -> name.equals(text(s, "name")))
                .flatMap(s -> OvirtJson.nested(s, "values", "value").stream())
                .mapToLong(v -> OvirtJson.decimal(v, "datum")).findFirst().orElse(0);
    }
}
