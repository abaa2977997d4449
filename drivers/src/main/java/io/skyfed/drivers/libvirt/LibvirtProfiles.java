package io.skyfed.drivers.libvirt;

import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.HardwareProperty;
import java.util.List;

/**
 * libvirt has no flavours: the driver offers three fixed sizes and a "custom" profile whose CPU and memory range up
 * to what the host has.
 */
final class LibvirtProfiles {

    static final String CUSTOM = "custom";
    static final int MIN_MEMORY_MB = 256;

    private LibvirtProfiles() {
    }

    static List<HardwareProfile> forHost(int hostCpus, long hostMemoryMb, String architecture) {
        return List.of(
                fixed("small", 1, 1024, architecture),
                fixed("medium", 2, 4096, architecture),
                fixed("large", 4, 8192, architecture),
                new HardwareProfile(CUSTOM, CUSTOM, List.of(
                        HardwareProperty.range(HardwareProperty.CPU, "count", "1", Integer.toString(hostCpus), "1"),
                        HardwareProperty.range(HardwareProperty.MEMORY, "MB", Integer.toString(MIN_MEMORY_MB),
                                Long.toString(hostMemoryMb), "1024"),
                        HardwareProperty.fixed(HardwareProperty.ARCHITECTURE, "label", architecture))));
    }

    private static HardwareProfile fixed(String id, int cpus, int memoryMb, String architecture) {
        return new HardwareProfile(id, id, List.of(
                HardwareProperty.fixed(HardwareProperty.CPU, "count", Integer.toString(cpus)),
                HardwareProperty.fixed(HardwareProperty.MEMORY, "MB", Integer.toString(memoryMb)),
                HardwareProperty.fixed(HardwareProperty.ARCHITECTURE, "label", architecture)));
    }
}
