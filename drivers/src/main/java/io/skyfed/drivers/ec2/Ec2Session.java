package io.skyfed.drivers.ec2;

import io.skyfed.drivers.spi.AddressService;
import io.skyfed.drivers.spi.BlobStore;
import io.skyfed.drivers.spi.CapacityService;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.FirewallService;
import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceAction;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.KeyService;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.Realm;
import io.skyfed.drivers.spi.StorageSnapshotService;
import io.skyfed.drivers.spi.StorageVolumeService;
import io.skyfed.drivers.jclouds.JcloudsBlobStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import com.google.common.collect.ImmutableMultimap;
import org.jclouds.aws.ec2.options.AWSRunInstancesOptions;
import org.jclouds.ec2.domain.Reservation;
import org.jclouds.ec2.domain.RunningInstance;
import org.jclouds.ec2.options.DescribeImagesOptions;

/** One EC2 account in one region. Every call goes through the account's fault guard. */
final class Ec2Session implements DriverSession {

    private final Ec2Account account;

    Ec2Session(Ec2Account account) {
        this.account = account;
    }

    // ---- realms and profiles ------------------------------------------------------------------------------

    @Override
    public List<Realm> realms() {
        return account.read("DescribeAvailabilityZones", "realm", null, () -> account.api()
                        .getAvailabilityZoneAndRegionApi().get().describeAvailabilityZonesInRegion(account.region()))
                .stream()
                .map(z -> new Realm(z.getZone(), z.getZone(), "available".equals(z.getState()), null))
                .sorted(Comparator.comparing(Realm::id))
                .toList();
    }

    @Override
    public Realm realm(String id) {
        return realms().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("realm", id));
    }

    @Override
    public List<HardwareProfile> hardwareProfiles() {
        return Ec2InstanceTypes.ALL.stream().map(Ec2InstanceTypes.Type::profile).toList();
    }

    @Override
    public HardwareProfile hardwareProfile(String id) {
        return Ec2InstanceTypes.find(id).map(Ec2InstanceTypes.Type::profile)
                .orElseThrow(() -> new NotFoundException("hardware_profile", id));
    }

    // ---- images -------------------------------------------------------------------------------------------

    @Override
    public List<Image> images(ImageFilter filter) {
        String[] owners = account.settings.imageOwners().toArray(String[]::new);
        return account.read("DescribeImages", "image", null, () -> account.api().getAMIApi().get()
                        .describeImagesInRegion(account.region(), new DescribeImagesOptions().ownedBy(owners)))
                .stream().map(Ec2Records::image).filter(filter::matches)
                .sorted(Comparator.comparing(Image::id)).toList();
    }

    @Override
    public Image image(String id) {
        if (!id.matches("ami-[0-9a-f]{8,17}")) {
            throw new NotFoundException("image", id);
        }
        return account.read("DescribeImages", "image", id, () -> account.api().getAMIApi().get()
                        .describeImagesInRegion(account.region(), new DescribeImagesOptions().imageIds(id)))
                .stream().findFirst().map(Ec2Records::image).orElseThrow(() -> new NotFoundException("image", id));
    }

    // ---- instances ----------------------------------------------------------------------------------------

    @Override
    public List<Instance> instances() {
        List<Instance> all = new ArrayList<>();
        for (Reservation<? extends RunningInstance> r : describe()) {
            r.forEach(i -> all.add(Ec2Records.instance(i, r.getOwnerId())));
        }
        all.sort(Comparator.comparing(Instance::id));
        return all;
    }

    @Override
    public Instance instance(String id) {
        if (!id.matches("i-[0-9a-f]{8,17}")) {
            throw new NotFoundException("instance", id);
        }
        for (Reservation<? extends RunningInstance> r : describe(id)) {
            for (RunningInstance i : r) {
                return Ec2Records.instance(i, r.getOwnerId());
            }
        }
        throw new NotFoundException("instance", id);
    }

    /** RunInstances keeps its ClientToken on the instance: DescribeInstances finds it by filter {@code client-token}. */
    @Override
    public Optional<Instance> instanceByRequestToken(String requestToken) {
        Set<? extends Reservation<? extends RunningInstance>> found = account.read("DescribeInstances", "instance",
                null, () -> account.api().getInstanceApi().get().describeInstancesInRegionWithFilter(
                        account.region(), ImmutableMultimap.of("client-token", requestToken)));
        return found.stream().flatMap(r -> r.stream().map(i -> Ec2Records.instance(i, r.getOwnerId())))
                .filter(i -> i.state() != InstanceState.FINISH).findFirst();
    }

    private Set<? extends Reservation<? extends RunningInstance>> describe(String... ids) {
        return account.read("DescribeInstances", "instance", ids.length == 1 ? ids[0] : null,
                () -> account.api().getInstanceApi().get().describeInstancesInRegion(account.region(), ids));
    }

    @Override
    public Instance createInstance(InstanceSpec spec) {
        Image image = imageForCreate(spec.imageId());
        String type = spec.hardwareProfileId() == null
                ? Ec2InstanceTypes.defaultFor(image.architecture()).id() : spec.hardwareProfileId();
        if (!image.hardwareProfileIds().contains(type)) {
            throw new InvalidArgumentException("hwp_id", "hardware profile '" + type + "' does not exist or does "
                    + "not fit image " + image.id() + " (" + image.architecture() + ")");
        }
        if (!spec.profileOverrides().isEmpty()) {
            HardwareProfile profile = hardwareProfile(type);
            spec.profileOverrides().forEach((property, value) -> profile.property(property)
                    .filter(p -> p.accepts(value))
                    .orElseThrow(() -> new InvalidArgumentException("hwp_" + property, "EC2 instance type " + type
                            + " has a fixed " + property + "; " + value + " is not it")));
        }
        if (spec.realmId() != null && realms().stream().noneMatch(r -> r.id().equals(spec.realmId()))) {
            throw new InvalidArgumentException("realm_id", "realm '" + spec.realmId() + "' does not exist");
        }
        if (spec.keyName() != null) {
            new Ec2KeyService(account).require(spec.keyName());
        }
        new Ec2FirewallService(account).requireAll("firewalls", spec.firewallIds());
        // Like Deltacloud's ec2 driver, this one does not offer user_name: refuse a name rather than drop it.
        if (spec.name() != null) {
            throw new InvalidArgumentException("name", "the ec2 driver does not name instances (no user_name feature)");
        }
        AWSRunInstancesOptions options = new AWSRunInstancesOptions();
        options.asType(type);
        // The token makes RunInstances idempotent, so a create whose answer was lost can be retried safely: EC2
        // returns the instances of the first call instead of launching more. The caller's token extends that past
        // this call (a broker that crashed mid-launch asks again with the same one).
        options.withClientToken(spec.requestToken() != null ? spec.requestToken() : UUID.randomUUID().toString());
        if (spec.keyName() != null) {
            options.withKeyName(spec.keyName());
        }
        if (spec.userData() != null) {
            options.withUserData(spec.userData());
        }
        if (!spec.firewallIds().isEmpty()) {
            options.withSecurityGroupIds(spec.firewallIds());
        }
        Reservation<? extends RunningInstance> reservation = account.read("RunInstances", "image", image.id(),
                () -> account.api().getInstanceApi().get()
                        .runInstancesInRegion(account.region(), spec.realmId(), image.id(), 1, 1, options));
        RunningInstance launched = reservation.iterator().next();
        return Ec2Records.launched(launched, reservation.getOwnerId(), spec.firewallIds());
    }

    private Image imageForCreate(String imageId) {
        try {
            return image(imageId);
        } catch (NotFoundException e) {
            throw new InvalidArgumentException("image_id", "image '" + imageId + "' does not exist");
        }
    }

    @Override
    public Instance start(String instanceId) {
        requireAction(instanceId, InstanceAction.START);
        account.read("StartInstances", "instance", instanceId,
                () -> account.api().getInstanceApi().get().startInstancesInRegion(account.region(), instanceId));
        return instance(instanceId);
    }

    @Override
    public Instance stop(String instanceId) {
        requireAction(instanceId, InstanceAction.STOP);
        account.read("StopInstances", "instance", instanceId, () -> account.api().getInstanceApi().get()
                .stopInstancesInRegion(account.region(), false, instanceId));
        return instance(instanceId);
    }

    @Override
    public Instance reboot(String instanceId) {
        requireAction(instanceId, InstanceAction.REBOOT);
        account.read("RebootInstances", "instance", instanceId, () -> {
            account.api().getInstanceApi().get().rebootInstancesInRegion(account.region(), instanceId);
            return null;
        });
        return instance(instanceId);
    }

    @Override
    public void destroy(String instanceId) {
        Instance current = instance(instanceId);
        if (current.state() == InstanceState.FINISH || current.state() == InstanceState.SHUTTING_DOWN) {
            return;
        }
        requireAction(current, InstanceAction.DESTROY);
        account.read("TerminateInstances", "instance", instanceId, () -> account.api().getInstanceApi().get()
                .terminateInstancesInRegion(account.region(), instanceId));
    }

    private void requireAction(String instanceId, InstanceAction action) {
        requireAction(instance(instanceId), action);
    }

    private static void requireAction(Instance instance, InstanceAction action) {
        if (!instance.actions().contains(action)) {
            throw new InvalidStateException("instance " + instance.id() + " is " + instance.state().apiName()
                    + ": it cannot " + action.apiName());
        }
    }

    // ---- optional collections -----------------------------------------------------------------------------

    @Override
    public Optional<KeyService> keys() {
        return Optional.of(new Ec2KeyService(account));
    }

    @Override
    public Optional<StorageVolumeService> storageVolumes() {
        return Optional.of(new Ec2VolumeService(account, this));
    }

    @Override
    public Optional<StorageSnapshotService> storageSnapshots() {
        return Optional.of(new Ec2SnapshotService(account));
    }

    @Override
    public Optional<FirewallService> firewalls() {
        return Optional.of(new Ec2FirewallService(account));
    }

    @Override
    public Optional<AddressService> addresses() {
        return Optional.of(new Ec2AddressService(account, this));
    }

    @Override
    public Optional<BlobStore> blobStore() {
        return Optional.of(new JcloudsBlobStore(account.guard, account.transfers, () -> account.blobs().getBlobStore(),
                Ec2Failures::translate));
    }

    /** Offered when the provider names the S3 bucket disks pass through (VM Import/Export works only from S3). */
    @Override
    public Optional<DiskTransferService> diskTransfer() {
        return account.settings.diskBucket().map(bucket -> new Ec2DiskTransfer(account, this,
                blobStore().orElseThrow(), bucket));
    }

    @Override
    public Optional<CapacityService> capacity() {
        return Optional.of(new Ec2CapacityService(this, account.settings));
    }
}
