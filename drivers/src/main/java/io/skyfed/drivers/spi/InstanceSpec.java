package io.skyfed.drivers.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to create. Only {@code imageId} is required; a null realm or hardware profile lets the driver choose,
 * {@code profileOverrides} picks values within the profile's ranges/enums (by property name: memory, cpu, ...).
 * {@code userData} is raw bytes (not base64). Drivers validate everything before creating anything.
 */
public record InstanceSpec(String imageId, String realmId, String hardwareProfileId,
                           Map<String, String> profileOverrides, String name, String keyName,
                           byte[] userData, List<String> firewallIds) {

    public InstanceSpec {
        Objects.requireNonNull(imageId, "imageId");
        profileOverrides = Map.copyOf(profileOverrides == null ? Map.of() : profileOverrides);
        firewallIds = List.copyOf(firewallIds == null ? List.of() : firewallIds);
        userData = userData == null ? null : userData.clone();
    }

    /** The minimal spec: this image, everything else chosen by the driver. */
    public static InstanceSpec ofImage(String imageId) {
        return new InstanceSpec(imageId, null, null, Map.of(), null, null, null, List.of());
    }

    @Override
    public byte[] userData() {
        return userData == null ? null : userData.clone();
    }
}
