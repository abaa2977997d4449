package io.skyfed.drivers.ec2;

import io.skyfed.drivers.spi.CapacityFigure;
import io.skyfed.drivers.spi.CapacityReport;
import io.skyfed.drivers.spi.CapacityResource;
import io.skyfed.drivers.spi.CapacityService;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceState;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Usage counted from the account's live instances (vCPUs and memory by instance type); limits are the quotas
 * configured for the provider, since jclouds does not reach the Service Quotas API.
 */
final class Ec2CapacityService implements CapacityService {

    private static final Set<InstanceState> CONSUMING = Set.of(InstanceState.PENDING, InstanceState.RUNNING,
            InstanceState.STOPPING);

    private final Ec2Session session;
    private final Ec2Settings settings;

    Ec2CapacityService(Ec2Session session, Ec2Settings settings) {
        this.session = session;
        this.settings = settings;
    }

    @Override
    public CapacityReport capacity() {
        List<Instance> live = session.instances().stream().filter(i -> CONSUMING.contains(i.state())).toList();
        long vcpus = 0;
        long memory = 0;
        for (Instance i : live) {
            var type = Ec2InstanceTypes.find(i.profile().hardwareProfileId());
            if (type.isPresent()) {
                vcpus += type.get().vcpus();
                memory += type.get().memoryMb();
            }
        }
        // A configured quota below what already runs means "full", not a negative remainder.
        long vcpuLimit = settings.vcpuQuota() < 0 ? CapacityFigure.UNLIMITED : Math.max(vcpus, settings.vcpuQuota());
        long instanceLimit = settings.instanceQuota() < 0 ? CapacityFigure.UNLIMITED
                : Math.max(live.size(), settings.instanceQuota());
        return new CapacityReport(Instant.now(), List.of(
                new CapacityFigure(CapacityResource.VCPUS, null, vcpus, vcpuLimit),
                new CapacityFigure(CapacityResource.MEMORY_MB, null, memory, CapacityFigure.UNLIMITED),
                new CapacityFigure(CapacityResource.INSTANCES, null, live.size(), instanceLimit)));
    }
}
