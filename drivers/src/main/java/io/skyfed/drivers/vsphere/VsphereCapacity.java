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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Capacity per datacenter (realm) and in total. Datastores report capacity and free space, so storage is real on
 * both sides. The "used" side of vCPUs and memory is what powered-on VMs were given (the Automation API's VM
 * summaries): allocations, not the hosts' momentary load, because the broker asks whether another VM fits, and
 * because the libvirt and rhevm drivers count the same way, so figures compare across providers.
 *
 * <p>The limits come from the hosts when {@code vi-json-release} is set and vCenter serves that VI JSON release
 * (8.0 U1 and later): the logical CPUs of connected hosts outside maintenance mode times
 * {@code cpu-allocation-ratio}, and their physical memory (see {@link VsphereHosts}). Otherwise (vCenter 7, or no
 * release configured) they come from the settings {@code capacity.vcpus} and {@code capacity.memory-mb}, and
 * datacenters get no vCPU or memory limit of their own. Which source a report used is logged.
 */
final class VsphereCapacity implements CapacityService {

    private static final System.Logger LOG = System.getLogger(VsphereCapacity.class.getName());
    private static final long GIB = 1024L * 1024 * 1024;
    private static final long MIB = 1024L * 1024;

    private final VsphereAccount account;
    private final Supplier<List<String>> datacenters;

    VsphereCapacity(VsphereAccount account, Supplier<List<String>> datacenters) {
        this.account = account;
        this.datacenters = datacenters;
    }

    /** What one datacenter's powered-on VMs and datastores use. */
    private record Use(long vcpus, long memoryMb, long vms, long storageBytes, long freeBytes) {
    }

    @Override
    public CapacityReport capacity() {
        Map<String, Use> uses = new LinkedHashMap<>();
        for (String dc : datacenters.get()) {
            uses.put(dc, use(dc));
        }
        Optional<Map<String, VsphereHosts.Offer>> offers = offers(uses.keySet());
        List<CapacityFigure> figures = new ArrayList<>();
        long vcpus = 0;
        long memoryMb = 0;
        long vms = 0;
        long storageBytes = 0;
        long freeBytes = 0;
        long vcpuLimit = 0;
        long memoryLimit = 0;
        for (Map.Entry<String, Use> entry : uses.entrySet()) {
            String dc = entry.getKey();
            Use use = entry.getValue();
            long dcVcpuLimit = CapacityFigure.UNLIMITED;
            long dcMemoryLimit = CapacityFigure.UNLIMITED;
            if (offers.isPresent()) {
                VsphereHosts.Offer offer = offers.get().get(dc);
                dcVcpuLimit = Math.max((long) Math.floor(offer.logicalCpus() * account.settings.cpuAllocationRatio()),
                        use.vcpus());
                dcMemoryLimit = Math.max(offer.memoryBytes() / MIB, use.memoryMb());
                vcpuLimit += dcVcpuLimit;
                memoryLimit += dcMemoryLimit;
            }
            figures.add(new CapacityFigure(CapacityResource.VCPUS, dc, use.vcpus(), dcVcpuLimit));
            figures.add(new CapacityFigure(CapacityResource.MEMORY_MB, dc, use.memoryMb(), dcMemoryLimit));
            figures.add(new CapacityFigure(CapacityResource.INSTANCES, dc, use.vms(), CapacityFigure.UNLIMITED));
            figures.add(new CapacityFigure(CapacityResource.STORAGE_GB, dc,
                    (use.storageBytes() - use.freeBytes()) / GIB, use.storageBytes() / GIB));
            vcpus += use.vcpus();
            memoryMb += use.memoryMb();
            vms += use.vms();
            storageBytes += use.storageBytes();
            freeBytes += use.freeBytes();
        }
        if (offers.isEmpty()) {
            vcpuLimit = limit(account.settings.vcpuLimit(), vcpus);
            memoryLimit = limit(account.settings.memoryLimitMb(), memoryMb);
        }
        figures.add(new CapacityFigure(CapacityResource.VCPUS, null, vcpus, vcpuLimit));
        figures.add(new CapacityFigure(CapacityResource.MEMORY_MB, null, memoryMb, memoryLimit));
        figures.add(new CapacityFigure(CapacityResource.INSTANCES, null, vms, CapacityFigure.UNLIMITED));
        figures.add(new CapacityFigure(CapacityResource.STORAGE_GB, null, (storageBytes - freeBytes) / GIB,
                storageBytes / GIB));
        return new CapacityReport(Instant.now(), figures);
    }

    private Use use(String dc) {
        long vcpus = 0;
        long memory = 0;
        long vms = 0;
        for (JsonElement vm : VsphereVmListing.vms(account, dc, "realm")) {
            vms++;
            if ("POWERED_ON".equals(string(vm, "power_state"))) {
                vcpus += number(vm, "cpu_count");
                memory += number(vm, "memory_size_MiB");
            }
        }
        long capacity = 0;
        long free = 0;
        for (JsonElement ds : array(account.get("list datastores", "realm", dc,
                "/api/vcenter/datastore?datacenters=" + query(dc)))) {
            capacity += number(ds, "capacity");
            free += number(ds, "free_space");
        }
        return new Use(vcpus, memory, vms, capacity, free);
    }

    /** Each datacenter's hosts' offer, or empty when the limits must come from the settings. */
    private Optional<Map<String, VsphereHosts.Offer>> offers(Iterable<String> dcs) {
        if (account.settings.viJsonRelease().isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: vCPU and memory limits from settings (no vi-json-release)",
                    account.providerId);
            return Optional.empty();
        }
        Map<String, VsphereHosts.Offer> offers = new LinkedHashMap<>();
        for (String dc : dcs) {
            Optional<VsphereHosts.Offer> offer = VsphereHosts.offer(account, dc);
            if (offer.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "{0}: vCenter does not serve VI JSON release {1}; vCPU and "
                        + "memory limits from settings", account.providerId, account.settings.viJsonRelease().get());
                return Optional.empty();
            }
            offers.put(dc, offer.get());
        }
        LOG.log(System.Logger.Level.DEBUG, "{0}: vCPU and memory limits from {1} hosts (VI JSON)", account.providerId,
                offers.values().stream().mapToInt(VsphereHosts.Offer::hosts).sum());
        return Optional.of(offers);
    }

    /** An overcommitted vCenter is full, not "negatively free": its limit is then what is already handed out. */
    private static long limit(long configured, long used) {
        return configured < 0 ? CapacityFigure.UNLIMITED : Math.max(configured, used);
    }
}
