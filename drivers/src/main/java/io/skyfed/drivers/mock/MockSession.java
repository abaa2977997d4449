package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.AddressService;
import io.skyfed.drivers.spi.BlobStore;
import io.skyfed.drivers.spi.BlockImportService;
import io.skyfed.drivers.spi.CapacityService;
import io.skyfed.drivers.spi.ChangedBlockService;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.FirewallService;
import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.ImageService;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceAction;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.KeyService;
import io.skyfed.drivers.spi.LoadBalancerService;
import io.skyfed.drivers.spi.MetricService;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.Realm;
import io.skyfed.drivers.spi.StorageSnapshotService;
import io.skyfed.drivers.spi.StorageVolumeService;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One mock account: the compute core, every optional collection, and the guests of its instances. */
final class MockSession implements DriverSession, MockGuest {

    private final MockCloud cloud;
    private final String user;

    MockSession(MockCloud cloud, String user) {
        this.cloud = cloud;
        this.user = user;
    }

    @Override
    public List<Realm> realms() {
        return cloud.realms;
    }

    @Override
    public Realm realm(String id) {
        return cloud.realms.stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("realm", id));
    }

    @Override
    public List<HardwareProfile> hardwareProfiles() {
        return cloud.hardwareProfiles;
    }

    @Override
    public HardwareProfile hardwareProfile(String id) {
        return cloud.hardwareProfiles.stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("hardware profile", id));
    }

    @Override
    public List<Image> images(ImageFilter filter) {
        return cloud.images.values().stream().filter(filter::matches).toList();
    }

    @Override
    public Image image(String id) {
        return get(cloud.images, "image", id);
    }

    @Override
    public List<Instance> instances() {
        cloud.gate.pass(MockGate.LIST_INSTANCES);
        return cloud.instances.entrySet().stream()
                .filter(e -> e.getValue().instance().ownerId().equals(user))
                .map(e -> cloud.settle(e.getKey(), e.getValue()))
                .toList();
    }

    @Override
    public Instance instance(String id) {
        return cloud.instance(id, user);
    }

    @Override
    public Instance createInstance(InstanceSpec spec) {
        return new MockInstanceFactory(cloud, this).create(spec, user);
    }

    @Override
    public Instance start(String instanceId) {
        return cloud.act(instanceId, user, InstanceAction.START);
    }

    @Override
    public Instance stop(String instanceId) {
        return cloud.act(instanceId, user, InstanceAction.STOP);
    }

    @Override
    public Instance reboot(String instanceId) {
        return cloud.act(instanceId, user, InstanceAction.REBOOT);
    }

    @Override
    public void destroy(String instanceId) {
        synchronized (cloud) {
            cloud.act(instanceId, user, InstanceAction.DESTROY);
            cloud.instances.remove(instanceId);
            cloud.disks.instances().remove(instanceId);
            cloud.disks.tracking().forget(instanceId);
            new MockReferences(cloud).forgetInstance(instanceId);
        }
    }

    @Override
    public Optional<ImageService> imageService() {
        return Optional.of(new MockImageService(cloud, this, user));
    }

    @Override
    public Optional<KeyService> keys() {
        return Optional.of(new MockKeyService(cloud));
    }

    @Override
    public Optional<StorageVolumeService> storageVolumes() {
        return Optional.of(new MockStorageVolumeService(cloud, this));
    }

    @Override
    public Optional<StorageSnapshotService> storageSnapshots() {
        return Optional.of(new MockStorageSnapshotService(cloud));
    }

    @Override
    public Optional<BlobStore> blobStore() {
        return Optional.of(new MockBlobStore(cloud));
    }

    @Override
    public Optional<AddressService> addresses() {
        return Optional.of(new MockAddressService(cloud, this));
    }

    @Override
    public Optional<FirewallService> firewalls() {
        return Optional.of(new MockFirewallService(cloud, user));
    }

    @Override
    public Optional<LoadBalancerService> loadBalancers() {
        return Optional.of(new MockLoadBalancerService(cloud, this));
    }

    @Override
    public Optional<MetricService> metrics() {
        return Optional.of(new MockMetricService(cloud, this));
    }

    @Override
    public Optional<DiskTransferService> diskTransfer() {
        return Optional.of(new MockDiskTransferService(cloud, this, user));
    }

    @Override
    public Optional<ChangedBlockService> changedBlocks() {
        return cloud.disks.blocks().changedBlockTracking() ? Optional.of(new MockChangedBlocks(cloud, this))
                : Optional.empty();
    }

    @Override
    public Optional<BlockImportService> blockImport() {
        return cloud.disks.blocks().blockImport() ? Optional.of(new MockBlockImport(cloud, user)) : Optional.empty();
    }

    @Override
    public void writeGuestDisk(String instanceId, long offset, byte[] data) {
        synchronized (cloud) {
            Instance instance = instance(instanceId);
            if (instance.state() != InstanceState.RUNNING) {
                throw new InvalidStateException("instance " + instanceId + " has no running guest to write, it is "
                        + instance.state());
            }
            cloud.disks.write(instanceId, offset, data);
        }
    }

    @Override
    public Optional<CapacityService> capacity() {
        return Optional.of(new MockCapacityService(cloud));
    }

    static <V> V get(Map<String, V> map, String kind, String id) {
        V value = id == null ? null : map.get(id);
        if (value == null) {
            throw new NotFoundException(kind, String.valueOf(id));
        }
        return value;
    }
}
