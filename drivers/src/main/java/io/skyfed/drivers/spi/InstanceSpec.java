package io.skyfed.drivers.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to create. Only {@code imageId} is required; a null realm or hardware profile lets the driver choose,
 * {@code profileOverrides} picks values within the profile's ranges/enums (by property name: memory, cpu, ...).
 * {@code userData} is raw bytes (not base64). Drivers validate everything before creating anything.
 * {@code requestToken}, when given, makes the create idempotent beyond one call where the provider supports it
 * (EC2's ClientToken): a caller that lost the answer (a crashed broker) asks again with the same token and gets the
 * instance of the first request instead of a second one. At most 64 printable ASCII characters.
 */
public record InstanceSpec(String imageId, String realmId, String hardwareProfileId,
                           Map<String, String> profileOverrides, String name, String keyName,
                           byte[] userData, List<String> firewallIds, String requestToken) {

    public static final int MAX_REQUEST_TOKEN = 64;

    public InstanceSpec {
        Objects.requireNonNull(imageId, "imageId");
        profileOverrides = Map.copyOf(profileOverrides == null ? Map.of() : profileOverrides);
        firewallIds = List.copyOf(firewallIds == null ? List.of() : firewallIds);
        userData = userData == null ? null : userData.clone();
        if (requestToken != null && (requestToken.isEmpty() || requestToken.length() > MAX_REQUEST_TOKEN
                || !requestToken.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw new IllegalArgumentException("requestToken must be 1 to " + MAX_REQUEST_TOKEN
                    + " printable ASCII characters");
        }
    }

    /** A spec without a request token: each call may create an instance. */
    public InstanceSpec(String imageId, String realmId, String hardwareProfileId, Map<String, String> profileOverrides,
                        String name, String keyName, byte[] userData, List<String> firewallIds) {
        this(imageId, realmId, hardwareProfileId, profileOverrides, name, keyName, userData, firewallIds, null);
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
