package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.Address;
import io.skyfed.drivers.spi.LoadBalancer;

/** Cleans up what pointed at a destroyed instance, as a provider does: volumes detach, addresses free up. */
final class MockReferences {

    private final MockCloud cloud;

    MockReferences(MockCloud cloud) {
        this.cloud = cloud;
    }

    /** Call while holding the cloud's monitor. */
    void forgetInstance(String instanceId) {
        cloud.volumes.replaceAll((id, v) -> v.attachment() != null && v.attachment().instanceId().equals(instanceId)
                ? MockStorageVolumeService.withAttachment(v, null, "AVAILABLE") : v);
        cloud.addresses.replaceAll((id, a) -> instanceId.equals(a.instanceId())
                ? new Address(a.id(), a.ipAddress(), null) : a);
        cloud.loadBalancers.replaceAll((id, lb) -> lb.instanceIds().contains(instanceId)
                ? new LoadBalancer(lb.id(), lb.name(), lb.realmIds(), lb.listeners(), lb.publicAddresses(),
                        lb.instanceIds().stream().filter(i -> !i.equals(instanceId)).toList(), lb.createdAt())
                : lb);
    }
}

