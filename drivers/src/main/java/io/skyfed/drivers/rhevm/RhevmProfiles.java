package io.skyfed.drivers.rhevm;

import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.HardwareProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * Hardware profiles: the engine's instance types, fixed sizes, plus "custom", whose CPU and memory range from one
 * CPU and 256 MB up to the largest host, for VMs sized at creation (oVirt has no flavour requirement).
 */
final class RhevmProfiles {

    static final String CUSTOM = "custom";
    static final long MIN_MEMORY_MB = 256;
    private static final long MB = 1024L * 1024;

    private RhevmProfiles() {
    }

    static List<HardwareProfile> of(List<JsonObject> instanceTypes, long maxCpus, long maxMemoryMb) {
        List<HardwareProfile> profiles = new ArrayList<>();
        for (JsonObject type : instanceTypes) {
            profiles.add(new HardwareProfile(OvirtJson.required(type, "id"), OvirtJson.required(type, "name"),
                    List.of(HardwareProperty.fixed(HardwareProperty.CPU, "count",
                                    Long.toString(OvirtJson.cpus(type))),
                            HardwareProperty.fixed(HardwareProperty.MEMORY, "MB",
                                    Long.toString(OvirtJson.number(type, "memory", 0) / MB)))));
        }
        long cpus = Math.max(1, maxCpus);
        long memory = Math.max(MIN_MEMORY_MB, maxMemoryMb);
        profiles.add(new HardwareProfile(CUSTOM, CUSTOM, List.of(
                HardwareProperty.range(HardwareProperty.CPU, "count", "1", Long.toString(cpus), "1"),
                HardwareProperty.range(HardwareProperty.MEMORY, "MB", Long.toString(MIN_MEMORY_MB),
                        Long.toString(memory), Long.toString(Math.min(1024, memory))))));
        return profiles;
    }

    static long bytes(long megabytes) {
        return megabytes * MB;
    }

    static long megabytes(long bytes) {
        return bytes / MB;
    }
}
