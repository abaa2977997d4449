package io.skyfed.drivers.libvirt;

import io.skyfed.drivers.spi.CapacityFigure;
import io.skyfed.drivers.spi.CapacityReport;
import io.skyfed.drivers.spi.CapacityResource;
import io.skyfed.drivers.spi.CapacityService;
import java.time.Instant;
import java.util.List;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.NodeInfo;
import org.libvirt.StoragePoolInfo;

/**
 * The host's capacity: CPUs (times the allocation ratio) and memory against what running domains were given, and
 * the instance pool's bytes against its size.
 */
final class LibvirtCapacityService implements CapacityService {

    private static final long GIB = 1024L * 1024 * 1024;

    private final LibvirtHost host;

    LibvirtCapacityService(LibvirtHost host) {
        this.host = host;
    }

    private record Sample(NodeInfo node, long vcpus, long memoryKib, int running, StoragePoolInfo pool) {
    }

    @Override
    public CapacityReport capacity() {
        Sample s = host.read("sample capacity", "host", null, c -> {
            long vcpus = 0;
            long memory = 0;
            int running = 0;
            for (Domain d : c.listAllDomains(0)) {
                DomainInfo info = d.getInfo();
                if (d.isActive() == 1) {
                    vcpus += info.nrVirtCpu;
                    memory += info.maxMem;
                    running++;
                }
            }
            return new Sample(c.nodeInfo(), vcpus, memory, running,
                    c.storagePoolLookupByName(host.settings.instancePool()).getInfo());
        });
        long cpuLimit = (long) Math.floor(s.node().cpus * host.settings.cpuAllocationRatio());
        long memoryMb = s.memoryKib() / 1024;
        // An overcommitted host is full, not "negatively free": its limit is what is already handed out.
        return new CapacityReport(Instant.now(), List.of(
                new CapacityFigure(CapacityResource.VCPUS, null, s.vcpus(), Math.max(cpuLimit, s.vcpus())),
                new CapacityFigure(CapacityResource.MEMORY_MB, null, memoryMb, Math.max(s.node().memory / 1024,
                        memoryMb)),
                new CapacityFigure(CapacityResource.STORAGE_GB, null, s.pool().allocation / GIB,
                        s.pool().capacity / GIB),
                new CapacityFigure(CapacityResource.INSTANCES, null, s.running(), CapacityFigure.UNLIMITED)));
    }
}
