package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.CapacityFigure;
import io.skyfed.drivers.spi.CapacityReport;
import io.skyfed.drivers.spi.CapacityResource;
import io.skyfed.drivers.spi.CapacityService;
import io.skyfed.drivers.spi.HardwareProperty;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.Realm;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Quotas like a small private cloud's, with use counted from what runs (of every account). */
final class MockCapacityService implements CapacityService {

    static final long VCPU_LIMIT = 4096;
    static final long MEMORY_MB_LIMIT = 16L * 1024 * 1024;
    static final long STORAGE_GB_LIMIT = 100_000;
    static final long INSTANCE_LIMIT = 5000;
    static final long ADDRESS_LIMIT = 254;
    private static final Set<InstanceState> CONSUMING = Set.of(InstanceState.PENDING, InstanceState.RUNNING,
            InstanceState.STOPPING, InstanceState.SHUTTING_DOWN);

    private final MockCloud cloud;

    MockCapacityService(MockCloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public CapacityReport capacity() {
        List<Instance> live = cloud.instances.entrySet().stream().map(e -> cloud.settle(e.getKey(), e.getValue()))
                .filter(i -> CONSUMING.contains(i.state())).toList();
        long vcpus = 0;
        long memory = 0;
        for (Instance i : live) {
            vcpus += (long) value(i, HardwareProperty.CPU, 1);
            memory += (long) value(i, HardwareProperty.MEMORY, 512);
        }
        long storage = cloud.volumes.values().stream().mapToLong(v -> v.capacityGb()).sum();
        List<CapacityFigure> figures = new ArrayList<>(List.of(
                new CapacityFigure(CapacityResource.VCPUS, null, vcpus, VCPU_LIMIT),
                new CapacityFigure(CapacityResource.MEMORY_MB, null, memory, MEMORY_MB_LIMIT),
                new CapacityFigure(CapacityResource.STORAGE_GB, null, storage, STORAGE_GB_LIMIT),
                new CapacityFigure(CapacityResource.INSTANCES, null, live.size(), INSTANCE_LIMIT),
                new CapacityFigure(CapacityResource.PUBLIC_ADDRESSES, null, cloud.addresses.size(), ADDRESS_LIMIT)));
        for (Realm realm : cloud.realms) {
            long inRealm = live.stream().filter(i -> realm.id().equals(i.realmId())).count();
            figures.add(new CapacityFigure(CapacityResource.INSTANCES, realm.id(), inRealm, CapacityFigure.UNLIMITED));
        }
        return new CapacityReport(cloud.now(), figures);
    }

    /** The instance's chosen value of a profile property, else the profile's default, else {@code fallback}. */
    private double value(Instance instance, String property, double fallback) {
        String chosen = instance.profile().overrides().get(property);
        if (chosen == null) {
            chosen = cloud.hardwareProfiles.stream().filter(p -> p.id().equals(instance.profile().hardwareProfileId()))
                    .findFirst().flatMap(p -> p.property(property)).map(HardwareProperty::value).orElse(null);
        }
        try {
            return chosen == null ? fallback : Double.parseDouble(chosen);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
