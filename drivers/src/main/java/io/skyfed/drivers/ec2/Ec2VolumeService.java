package io.skyfed.drivers.ec2;

import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.StorageVolume;
import io.skyfed.drivers.spi.StorageVolumeService;
import io.skyfed.drivers.spi.StorageVolumeSpec;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** EBS volumes. */
final class Ec2VolumeService implements StorageVolumeService {

    /** EBS gp3 limits, GiB. */
    private static final long MIN_GB = 1;
    private static final long MAX_GB = 16_384;
    private static final String DEFAULT_DEVICE = "/dev/sdf";

    private final Ec2Account account;
    private final Ec2Session session;

    Ec2VolumeService(Ec2Account account, Ec2Session session) {
        this.account = account;
        this.session = session;
    }

    @Override
    public List<StorageVolume> list() {
        return account.read("DescribeVolumes", "volume", null, () -> account.api().getElasticBlockStoreApi().get()
                        .describeVolumesInRegion(account.region()))
                .stream().map(Ec2Records::volume).sorted(Comparator.comparing(StorageVolume::id)).toList();
    }

    @Override
    public StorageVolume get(String id) {
        if (!id.matches("vol-[0-9a-f]{8,17}")) {
            throw new NotFoundException("volume", id);
        }
        return account.read("DescribeVolumes", "volume", id, () -> account.api().getElasticBlockStoreApi().get()
                        .describeVolumesInRegion(account.region(), id))
                .stream().findFirst().map(Ec2Records::volume).orElseThrow(() -> new NotFoundException("volume", id));
    }

    @Override
    public StorageVolume create(StorageVolumeSpec spec) {
        if (spec.capacityGb() == null && spec.snapshotId() == null) {
            throw new InvalidArgumentException("capacity", "a volume needs a capacity or a snapshot to start from");
        }
        if (spec.capacityGb() != null && (spec.capacityGb() < MIN_GB || spec.capacityGb() > MAX_GB)) {
            throw new InvalidArgumentException("capacity", "EBS volumes are " + MIN_GB + " to " + MAX_GB + " GiB");
        }
        String zone = spec.realmId() != null ? spec.realmId() : session.realms().get(0).id();
        if (session.realms().stream().noneMatch(r -> r.id().equals(zone))) {
            throw new InvalidArgumentException("realm_id", "realm '" + zone + "' does not exist");
        }
        IdempotentCreateVolumeOptions options = new IdempotentCreateVolumeOptions()
                .withClientToken(UUID.randomUUID().toString());
        if (spec.capacityGb() != null) {
            options.withSize(spec.capacityGb().intValue());
        }
        if (spec.snapshotId() != null) {
            new Ec2SnapshotService(account).requireForVolume(spec.snapshotId());
            options.fromSnapshotId(spec.snapshotId());
        }
        return Ec2Records.volume(account.read("CreateVolume", "volume", null, () -> account.api()
                .getElasticBlockStoreApi().get().createVolumeInAvailabilityZone(zone, options)));
    }

    @Override
    public void delete(String id) {
        get(id).requireDetached();
        account.read("DeleteVolume", "volume", id, () -> {
            account.api().getElasticBlockStoreApi().get().deleteVolumeInRegion(account.region(), id);
            return null;
        });
    }

    @Override
    public StorageVolume attach(String volumeId, String instanceId, String device) {
        StorageVolume volume = get(volumeId);
        if (volume.attachment() != null) {
            throw new InvalidStateException("volume " + volumeId + " is already attached to "
                    + volume.attachment().instanceId());
        }
        try {
            session.instance(instanceId);
        } catch (NotFoundException e) {
            throw new InvalidArgumentException("instance_id", "instance '" + instanceId + "' does not exist");
        }
        String target = device == null ? DEFAULT_DEVICE : device;
        if (!target.matches("/dev/(sd|xvd)[b-z]")) {
            throw new InvalidArgumentException("device", "device '" + target + "' is not an EBS device name");
        }
        // Attaching twice fails harmlessly (the volume is then in use), so a retry cannot do damage.
        account.read("AttachVolume", "volume", volumeId, () -> account.api().getElasticBlockStoreApi().get()
                .attachVolumeInRegion(account.region(), volumeId, instanceId, target));
        return get(volumeId);
    }

    @Override
    public StorageVolume detach(String volumeId) {
        get(volumeId).requireAttached();
        account.read("DetachVolume", "volume", volumeId, () -> {
            account.api().getElasticBlockStoreApi().get().detachVolumeInRegion(account.region(), volumeId, false);
            return null;
        });
        return get(volumeId);
    }
}
