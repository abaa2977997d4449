package io.skyfed.drivers.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A virtual machine as the provider reports it. {@code actions} are those allowed now (the state machine's
 * actions in {@code state}, plus {@link InstanceAction#CREATE_IMAGE} when the driver can snapshot it).
 * {@code keyName}, {@code launchedAt} may be null.
 */
public record Instance(String id, String name, String ownerId, String imageId, String realmId,
                       InstanceProfile profile, InstanceState state, Set<InstanceAction> actions,
                       List<InstanceAddress> publicAddresses, List<InstanceAddress> privateAddresses,
                       String keyName, List<String> firewallIds, List<VolumeAttachment> volumes, Instant launchedAt) {

    public Instance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(profile, "profile");
        actions = Set.copyOf(actions);
        publicAddresses = List.copyOf(publicAddresses);
        privateAddresses = List.copyOf(privateAddresses);
        firewallIds = List.copyOf(firewallIds);
        volumes = List.copyOf(volumes);
    }
}
