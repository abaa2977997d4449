package io.skyfed.drivers.google;

import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.StorageSnapshot;
import io.skyfed.drivers.spi.StorageSnapshotService;
import io.skyfed.drivers.spi.StorageVolume;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jclouds.googlecomputeengine.domain.Snapshot;

/** Snapshots of persistent disks (global resources of the project); a snapshot's id is its name. */
final class GoogleSnapshotService implements StorageSnapshotService {

    private final GoogleAccount account;
    private final GoogleSession session;

    GoogleSnapshotService(GoogleAccount account, GoogleSession session) {
        this.account = account;
        this.session = session;
    }

    @Override
    public List<StorageSnapshot> list() {
        return account.read("Snapshots:list", "snapshot", null,
                        () -> GoogleSession.all(account.api().snapshots().list()))
                .stream().map(GoogleRecords::snapshot).sorted(Comparator.comparing(StorageSnapshot::id)).toList();
    }

    @Override
    public StorageSnapshot get(String id) {
        if (id == null || !id.matches(GoogleSession.NAME)) {
            throw new NotFoundException("snapshot", id);
        }
        Snapshot snapshot = account.read("Snapshots:get", "snapshot", id, () -> account.api().snapshots().get(id));
        if (snapshot == null) {
            throw new NotFoundException("snapshot", id);
        }
        return GoogleRecords.snapshot(snapshot);
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
        StorageVolume volume;
        try {
            volume = new GoogleVolumeService(account, session).get(volumeId);
        } catch (NotFoundException e) {
            throw new InvalidArgumentException("volume_id", "storage volume '" + volumeId + "' does not exist");
        }
        String snapshotName = name != null ? name
                : "skyfed-snap-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        if (!snapshotName.matches(GoogleSession.NAME)) {
            throw new InvalidArgumentException("name", "a snapshot name is 1 to 63 lower-case letters, digits and "
                    + "hyphens, starting with a letter");
        }
        String text = description == null ? "" : description;
        return account.create("Disks:createSnapshot", "snapshot", snapshotName, () -> account.api()
                        .disksInZone(volume.realmId()).createSnapshot(volumeId, snapshotName, text).selfLink(),
                () -> get(snapshotName));
    }

    @Override
    public void delete(String id) {
        get(id);
        account.act("Snapshots:delete", "snapshot", id, () -> {
            var op = account.api().snapshots().delete(id);
            return op == null ? null : op.selfLink();
        });
    }
}
