package io.skyfed.drivers.spi;

import java.util.Map;
import java.util.Objects;

/** The hardware profile an instance runs with, plus the values chosen for its ranges and enums ({@code memory -> 8192}). */
public record InstanceProfile(String hardwareProfileId, Map<String, String> overrides) {

    public InstanceProfile {
        Objects.requireNonNull(hardwareProfileId, "hardwareProfileId");
        overrides = Map.copyOf(overrides == null ? Map.of() : overrides);
    }
}
