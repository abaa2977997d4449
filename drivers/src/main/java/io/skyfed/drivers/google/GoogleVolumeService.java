package io.skyfed.drivers.google;

import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.Realm;
import io.skyfed.drivers.spi.StorageVolume;
import io.skyfed.drivers.spi.StorageVolumeService;
import io.skyfed.drivers.spi.StorageVolumeSpec;
import io.skyfed.drivers.spi.VolumeAttachment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jclouds.googlecomputeengine.domain.AttachDisk;
import org.jclouds.googlecomputeengine.domain.Disk;
import org.jclouds.googlecomputeengine.options.DiskCreationOptions;

/**
 * Persistent disks of the region's zones; a volume's id is its name. A disk's attachments are read from the
 * instances (jclouds' {@code Disk} does not carry GCE's {@code users} field).
 */
final class GoogleVolumeService implements StorageVolumeService {

    private static final long MIN_GB = 1;
    private static final long MAX_GB = 65_536;

    private final GoogleAccount account;
    private final GoogleSession session;

    GoogleVolumeService(GoogleAccount account, GoogleSession session) {
        this.account = account;
        this.session = session;
    }

    @Override
    public List<StorageVolume> list() {
        Map<String, VolumeAttachment> attachments = attachments();
        List<StorageVolume> volumes = new ArrayList<>();
        for (Realm zone : session.realms()) {
            account.read("Disks:list", "volume", null, () -> GoogleSession.all(account.api()
                            .disksInZone(zone.id()).list()))
                    .forEach(d -> volumes.add(GoogleRecords.volume(d, attachments.get(d.name()))));
        }
        volumes.sort(Comparator.comparing(StorageVolume::id));
        return volumes;
    }

    @Override
    public StorageVolume get(String id) {
        Disk disk = find(id).orElseThrow(() -> new NotFoundException("volume", id));
        return GoogleRecords.volume(disk, attachments().get(id));
    }

    Optional<Disk> find(String id) {
        if (id == null || !id.matches(GoogleSession.NAME)) {
            return Optional.empty();
        }
        for (Realm zone : session.realms()) {
            Disk disk = account.read("Disks:get", "volume", id, () -> account.api().disksInZone(zone.id()).get(id));
            if (disk != null) {
                return Optional.of(disk);
            }
        }
        return Optional.empty();
    }

    /** Attached (non-boot) disks by name, from the instances that use them. */
    private Map<String, VolumeAttachment> attachments() {
        return session.instances().stream().map(Instance::volumes).flatMap(List::stream)
                .collect(Collectors.toMap(VolumeAttachment::volumeId, Function.identity(), (a, b) -> a));
    }

    @Override
    public StorageVolume create(StorageVolumeSpec spec) {
        if (spec.capacityGb() == null && spec.snapshotId() == null) {
            throw new InvalidArgumentException("capacity", "a volume needs a capacity or a snapshot to start from");
        }
        if (spec.capacityGb() != null && (spec.capacityGb() < MIN_GB || spec.capacityGb() > MAX_GB)) {
            throw new InvalidArgumentException("capacity", "persistent disks are " + MIN_GB + " to " + MAX_GB
                    + " GB");
        }
        String zone = spec.realmId() != null ? spec.realmId() : session.defaultZone();
        if (session.realms().stream().noneMatch(r -> r.id().equals(zone))) {
            throw new InvalidArgumentException("realm_id", "realm '" + zone + "' does not exist");
        }
        String name = spec.name() != null ? spec.name()
                : "skyfed-vol-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        if (!name.matches(GoogleSession.NAME)) {
            throw new InvalidArgumentException("name", "a volume name is 1 to 63 lower-case letters, digits and "
                    + "hyphens, starting with a letter");
        }
        DiskCreationOptions.Builder options = new DiskCreationOptions.Builder();
        if (spec.capacityGb() != null) {
            options.sizeGb(spec.capacityGb().intValue());
        }
        if (spec.snapshotId() != null) {
            new GoogleSnapshotService(account, session).requireForVolume(spec.snapshotId());
            options.sourceSnapshot(account.settings.resource("global/snapshots/" + spec.snapshotId()));
        }
        if (spec.description() != null) {
            options.description(spec.description());
        }
        DiskCreationOptions built = options.build();
        return account.create("Disks:insert", "volume", name,
                () -> account.api().disksInZone(zone).create(name, built).selfLink(), () -> get(name));
    }

    @Override
    public void delete(String id) {
        StorageVolume volume = get(id).requireDetached();
        account.act("Disks:delete", "volume", id, () -> {
            var op = account.api().disksInZone(volume.realmId()).delete(id);
            return op == null ? null : op.selfLink();
        });
    }

    @Override
    public StorageVolume attach(String volumeId, String instanceId, String device) {
        StorageVolume volume = get(volumeId);
        if (volume.attachment() != null) {
            throw new InvalidStateException("volume " + volumeId + " is already attached to "
                    + volume.attachment().instanceId());
        }
        Instance instance;
        try {
            instance = session.instance(instanceId);
        } catch (NotFoundException e) {
            throw new InvalidArgumentException("instance_id", "instance '" + instanceId + "' does not exist");
        }
        if (!instance.realmId().equals(volume.realmId())) {
            throw new InvalidArgumentException("instance_id", "instance " + instanceId + " is in " + instance.realmId()
                    + ", volume " + volumeId + " in " + volume.realmId());
        }
        String deviceName = device == null ? volumeId : device.replaceFirst("^/dev/(disk/by-id/google-)?", "");
        if (!deviceName.matches(GoogleSession.NAME)) {
            throw new InvalidArgumentException("device", "device '" + device + "' is not a GCE device name");
        }
        AttachDisk attach = AttachDisk.create(AttachDisk.Type.PERSISTENT, AttachDisk.Mode.READ_WRITE,
                account.settings.resource("zones/" + volume.realmId() + "/disks/" + volumeId), deviceName, false,
                null, false, null, null);
        // Attaching twice fails harmlessly (the disk is then in use), so a retry cannot do damage.
        account.act("Instances:attachDisk", "volume", volumeId,
                () -> account.api().instancesInZone(instance.realmId()).attachDisk(instanceId, attach).selfLink());
        return get(volumeId);
    }

    @Override
    public StorageVolume detach(String volumeId) {
        StorageVolume volume = get(volumeId).requireAttached();
        VolumeAttachment attachment = volume.attachment();
        account.act("Instances:detachDisk", "volume", volumeId, () -> account.api()
                .instancesInZone(volume.realmId()).detachDisk(attachment.instanceId(), attachment.device())
                .selfLink());
        return get(volumeId);
    }
}
