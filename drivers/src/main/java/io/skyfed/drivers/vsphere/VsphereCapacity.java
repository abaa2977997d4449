package io.skyfed.drivers.vsphere;

import static io.skyfed.drivers.vsphere.VsphereJson.array;
import static io.skyfed.drivers.vsphere.VsphereJson.number;
import static io.skyfed.drivers.vsphere.VsphereJson.query;
import static io.skyfed.drivers.vsphere.VsphereJson.string;

import com.google.gson.JsonElement;
import io.skyfed.drivers.spi.CapacityFigure;
import io.skyfed.drivers.spi.CapacityReport;
import io.skyfed.drivers.spi.CapacityResource;
import io.skyfed.drivers.spi.CapacityService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Capacity as far as the Automation API tells it. Datastores report capacity and free space, so storage is real
 * on both sides. VMs report their vCPUs and memory, so what powered-on VMs were given is the "used" side; the API
 * has no host hardware figures (GET /api/vcenter/host gives names and connection and power states only), so the
 * vCPU and memory limits come from the provider's settings ({@code capacity.vcpus}, {@code capacity.memory-mb}),
 * unlimited when not set. Figures are given per datacenter (realm) and in total.
 */
final class VsphereCapacity implements CapacityService {

    private static final long GIB = 1024L * 1024 * 1024;

    private final VsphereAccount account;
    private final Supplier<List<String>> datacenters;

    VsphereCapacity(VsphereAccount account, Supplier<List<String>> datacenters) {
        this.account = account;
        this.datacenters = datacenters;
    }

    @Override
    public CapacityReport capacity() {
        List<CapacityFigure> figures = new ArrayList<>();
        long vcpus = 0;
        long memoryMb = 0;
        long vms = 0;
        long storageBytes = 0;
        long freeBytes = 0;
        for (String dc : datacenters.get()) {
            long dcVcpus = 0;
            long dcMemory = 0;
            long dcVms = 0;
            for (JsonElement vm : VsphereVmListing.vms(account, dc, "realm")) {
                dcVms++;
                if ("POWERED_ON".equals(string(vm, "power_state"))) {
                    dcVcpus += number(vm, "cpu_count");
                    dcMemory += number(vm, "memory_size_MiB");
                }
            }
            long dcCapacity = 0;
            long dcFree = 0;
            for (JsonElement ds : array(account.get("list datastores", "realm", dc,
                    "/api/vcenter/datastore?datacenters=" + query(dc)))) {
                dcCapacity += number(ds, "capacity");
                dcFree += number(ds, "free_space");
            }
            figures.add(new CapacityFigure(CapacityResource.VCPUS, dc, dcVcpus, CapacityFigure.UNLIMITED));
            figures.add(new CapacityFigure(CapacityResource.MEMORY_MB, dc, dcMemory, CapacityFigure.UNLIMITED));
            figures.add(new CapacityFigure(CapacityResource.INSTANCES, dc, dcVms, CapacityFigure.UNLIMITED));
            figures.add(new CapacityFigure(CapacityResource.STORAGE_GB, dc, (dcCapacity - dcFree) / GIB,
                    dcCapacity / GIB));
            vcpus += dcVcpus;
            memoryMb += dcMemory;
            vms += dcVms;
            storageBytes += dcCapacity;
            freeBytes += dcFree;
        }
        figures.add(new CapacityFigure(CapacityResource.VCPUS, null, vcpus, limit(account.settings.vcpuLimit(), vcpus)));
        figures.add(new CapacityFigure(CapacityResource.MEMORY_MB, null, memoryMb,
                limit(account.settings.memoryLimitMb(), memoryMb)));
        figures.add(new CapacityFigure(CapacityResource.INSTANCES, null, vms, CapacityFigure.UNLIMITED));
        figures.add(new CapacityFigure(CapacityResource.STORAGE_GB, null, (storageBytes - freeBytes) / GIB,
                storageBytes / GIB));
        return new CapacityReport(Instant.now(), figures);
    }

    /** An overcommitted vCenter is full, not "negatively free": its limit is then what is already handed out. */
    private static long limit(long configured, long used) {
        return configured < 0 ? CapacityFigure.UNLIMITED : Math.max(configured, used);
    }
}
