package io.skyfed.drivers.vsphere;

import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.HardwareProperty;
import io.skyfed.drivers.spi.InstanceProfile;
import java.util.List;
import java.util.Map;

/**
 * vSphere has no flavours: a VM gets any CPU count and memory size. The driver offers three fixed sizes and a
 * "custom" profile whose CPU and memory range up to the configured maxima (the Automation API does not tell a
 * host's size). Deploys set the chosen size through the template's hardware customization.
 */
final class VsphereProfiles {

    static final String CUSTOM = "custom";
    static final int MIN_MEMORY_MB = 512;

    private VsphereProfiles() {
    }

    static List<HardwareProfile> all(VsphereSettings settings) {
        return List.of(fixed("small", 1, 2048), fixed("medium", 2, 4096), fixed("large", 4, 8192),
                new HardwareProfile(CUSTOM, CUSTOM, List.of(
                        HardwareProperty.range(HardwareProperty.CPU, "count", "1",
                                Integer.toString(settings.maxCpus()), "1"),
                        HardwareProperty.range(HardwareProperty.MEMORY, "MB", Integer.toString(MIN_MEMORY_MB),
                                Long.toString(settings.maxMemoryMb()), "2048"))));
    }

    /** The profile a VM of this size matches: a fixed one when its size is exactly that, else custom. */
    static InstanceProfile of(long cpus, long memoryMb, VsphereSettings settings) {
        for (HardwareProfile p : all(settings)) {
            if (!p.id().equals(CUSTOM) && p.property(HardwareProperty.CPU).orElseThrow().value()
                    .equals(Long.toString(cpus)) && p.property(HardwareProperty.MEMORY).orElseThrow().value()
                    .equals(Long.toString(memoryMb))) {
                return new InstanceProfile(p.id(), Map.of());
            }
        }
        return new InstanceProfile(CUSTOM, Map.of(HardwareProperty.CPU, Long.toString(cpus),
                HardwareProperty.MEMORY, Long.toString(memoryMb)));
    }

    private static HardwareProfile fixed(String id, int cpus, int memoryMb) {
        return new HardwareProfile(id, id, List.of(
                HardwareProperty.fixed(HardwareProperty.CPU, "count", Integer.toString(cpus)),
                HardwareProperty.fixed(HardwareProperty.MEMORY, "MB", Integer.toString(memoryMb))));
    }
}
