package io.skyfed.drivers.spi;

import java.util.List;
import java.util.Optional;

/**
 * One account on one provider, as opened by {@link DriverFactory#connect}. The compute core (realms, hardware
 * profiles, images, instances; jclouds' ComputeServiceAdapter in spirit) is mandatory; every other collection
 * is an optional service, present exactly when the factory declares its {@link CollectionKind}.
 *
 * <p>Every method may block on the network: callers keep them off event-loop threads. Implementations are
 * thread-safe. Every failure is a {@link DriverException}.
 */
public interface DriverSession extends AutoCloseable {

    List<Realm> realms();

    /** @throws NotFoundException when there is no such realm */
    Realm realm(String id);

    List<HardwareProfile> hardwareProfiles();

    /** @throws NotFoundException when there is no such profile */
    HardwareProfile hardwareProfile(String id);

    List<Image> images(ImageFilter filter);

    /** @throws NotFoundException when there is no such image */
    Image image(String id);

    /** The account's instances, in a stable order. */
    List<Instance> instances();

    /** @throws NotFoundException when there is no such instance */
    Instance instance(String id);

    /**
     * Creates an instance; it starts in the state machine's first state after START (usually PENDING).
     * Everything in the spec is validated first: on error nothing is created.
     *
     * @throws InvalidArgumentException for an unknown image, realm, profile, key or firewall, or an override
     *                                  outside the profile's range
     */
    Instance createInstance(InstanceSpec spec);

    /**
     * The instance a {@link #createInstance} with this {@link InstanceSpec#requestToken} launched, unless it is gone
     * (FINISH), so a caller that crashed before recording the answer can find it. Empty where the provider keeps no
     * request tokens (the default); such callers look instances up by name instead, where the driver names them.
     */
    default Optional<Instance> instanceByRequestToken(String requestToken) {
        return Optional.empty();
    }

    /** @throws InvalidStateException when the instance cannot be started in its state */
    Instance start(String instanceId);

    /** @throws InvalidStateException when the instance cannot be stopped in its state */
    Instance stop(String instanceId);

    /** @throws InvalidStateException when the instance cannot be rebooted in its state */
    Instance reboot(String instanceId);

    /** Destroys the instance (it may linger in a final state for a while, as in EC2). */
    void destroy(String instanceId);

    default Optional<ImageService> imageService() {
        return Optional.empty();
    }

    default Optional<KeyService> keys() {
        return Optional.empty();
    }

    default Optional<StorageVolumeService> storageVolumes() {
        return Optional.empty();
    }

    default Optional<StorageSnapshotService> storageSnapshots() {
        return Optional.empty();
    }

    default Optional<BlobStore> blobStore() {
        return Optional.empty();
    }

    default Optional<AddressService> addresses() {
        return Optional.empty();
    }

    default Optional<FirewallService> firewalls() {
        return Optional.empty();
    }

    default Optional<LoadBalancerService> loadBalancers() {
        return Optional.empty();
    }

    default Optional<MetricService> metrics() {
        return Optional.empty();
    }

    default Optional<DiskTransferService> diskTransfer() {
        return Optional.empty();
    }

    /** Changed-block tracking for warm migrations from this provider; absent: they fall back to cold. */
    default Optional<ChangedBlockService> changedBlocks() {
        return Optional.empty();
    }

    /** Disks written at offsets, for warm migrations to this provider; absent: they fall back to cold. */
    default Optional<BlockImportService> blockImport() {
        return Optional.empty();
    }

    default Optional<CapacityService> capacity() {
        return Optional.empty();
    }

    /** Releases what the session holds; sessions are cheap and may be opened per request. */
    @Override
    default void close() {
    }
}
