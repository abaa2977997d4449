package io.skyfed.drivers.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A bootable template. {@code state} is the provider's word (AVAILABLE, PENDING, ...); {@code hardwareProfileIds}
 * names the profiles an instance of it can be created with. {@code createdAt} may be null.
 */
public record Image(String id, String name, String description, String ownerId, String architecture,
                    String state, List<String> hardwareProfileIds, Instant createdAt) {

    public Image {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        description = description == null ? "" : description;
        hardwareProfileIds = List.copyOf(hardwareProfileIds);
    }
}
