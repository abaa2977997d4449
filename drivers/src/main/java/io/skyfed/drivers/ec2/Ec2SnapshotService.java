package io.skyfed.drivers.ec2;

import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.StorageSnapshot;
import io.skyfed.drivers.spi.StorageSnapshotService;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import com.google.common.collect.ImmutableMultimap;
import org.jclouds.ec2.options.CreateSnapshotOptions;
import org.jclouds.ec2.options.DescribeSnapshotsOptions;

/** EBS snapshots owned by the account. */
final class Ec2SnapshotService implements StorageSnapshotService {

    private final Ec2Account account;

    Ec2SnapshotService(Ec2Account account) {
        this.account = account;
    }

    @Override
    public List<StorageSnapshot> list() {
        return account.read("DescribeSnapshots", "snapshot", null, () -> account.api().getElasticBlockStoreApi()
                        .get().describeSnapshotsInRegion(account.region(), new DescribeSnapshotsOptions().ownedBy("self")))
                .stream().map(Ec2Records::snapshot).sorted(Comparator.comparing(StorageSnapshot::id)).toList();
    }

    @Override
    public StorageSnapshot get(String id) {
        if (!id.matches("snap-[0-9a-f]{8,17}")) {
            throw new NotFoundException("snapshot", id);
        }
        return account.read("DescribeSnapshots", "snapshot", id, () -> account.api().getElasticBlockStoreApi()
                        .get().describeSnapshotsInRegion(account.region(), new DescribeSnapshotsOptions().snapshotIds(id)))
                .stream().findFirst().map(Ec2Records::snapshot)
                .orElseThrow(() -> new NotFoundException("snapshot", id));
    }

    void requireForVolume(String id) {
        try {
            get(id);
        } catch (NotFoundException e) {
            throw new InvalidArgumentException("snapshot_id", "snapshot '" + id + "' does not exist");
        }
    }

    @Override
    public StorageSnapshot create(String volumeId, String name, String description) {
        boolean volumeExists = volumeId.matches("vol-[0-9a-f]{8,17}") && !account.read("DescribeVolumes", "volume",
                volumeId, () -> account.api().getElasticBlockStoreApi().get()
                        .describeVolumesInRegion(account.region(), volumeId)).isEmpty();
        if (!volumeExists) {
            throw new InvalidArgumentException("volume_id", "storage volume '" + volumeId + "' does not exist");
        }
        // CreateSnapshot has no ClientToken: the snapshot carries the request token as a tag, and a retry (after a
        // 503, a reset or a lost answer) first looks for it, so a volume is never snapshotted twice by one call.
        String token = UUID.randomUUID().toString();
        CreateSnapshotOptions options = new IdempotentCreateSnapshotOptions().withRequestToken(token);
        String text = description != null ? description : name;
        if (text != null) {
            options.withDescription(text);
        }
        var ebs = account.api().getElasticBlockStoreApi().get();
        return Ec2Records.snapshot(account.lookUpBeforeRetry("CreateSnapshot", "volume",
                () -> ebs.describeSnapshotsInRegionWithFilter(account.region(),
                        ImmutableMultimap.of("tag:" + Ec2RequestToken.TAG, token)).stream().findFirst(),
                () -> ebs.createSnapshotInRegion(account.region(), volumeId, options)));
    }

    @Override
    public void delete(String id) {
        get(id);
        account.read("DeleteSnapshot", "snapshot", id, () -> {
            account.api().getElasticBlockStoreApi().get().deleteSnapshotInRegion(account.region(), id);
            return null;
        });
    }
}
