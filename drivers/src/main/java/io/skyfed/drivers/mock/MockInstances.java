package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.VolumeAttachment;

import java.util.List;

/** Copies of an {@link Instance} with one field changed. */
final class MockInstances {

    private MockInstances() {
    }

    static Instance withVolumes(Instance i, List<VolumeAttachment> volumes) {
        return new Instance(i.id(), i.name(), i.ownerId(), i.imageId(), i.realmId(), i.profile(), i.state(),
                i.actions(), i.publicAddresses(), i.privateAddresses(), i.keyName(), i.firewallIds(), volumes,
                i.launchedAt());
    }

    static Instance withFirewalls(Instance i, List<String> firewallIds) {
        return new Instance(i.id(), i.name(), i.ownerId(), i.imageId(), i.realmId(), i.profile(), i.state(),
                i.actions(), i.publicAddresses(), i.privateAddresses(), i.keyName(), firewallIds, i.volumes(),
                i.launchedAt());
    }
}
