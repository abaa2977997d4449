package io.skyfed.drivers.ec2;

import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceAddress;
import io.skyfed.drivers.spi.InstanceProfile;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.StorageSnapshot;
import io.skyfed.drivers.spi.StorageVolume;
import io.skyfed.drivers.spi.VolumeAttachment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jclouds.aws.ec2.domain.AWSRunningInstance;
import org.jclouds.ec2.domain.Attachment;
import org.jclouds.ec2.domain.BlockDevice;
import org.jclouds.ec2.domain.RunningInstance;
import org.jclouds.ec2.domain.Snapshot;
import org.jclouds.ec2.domain.Volume;

/** Maps jclouds' EC2 types to SPI records; nothing of jclouds goes further. */
final class Ec2Records {

    private Ec2Records() {
    }

    /**
     * An instance from RunInstances' answer, which lists the reservation at the top: jclouds then reads the
     * instance's groups as the reservation's, so the groups it was launched in are taken from the request.
     */
    static Instance launched(RunningInstance i, String ownerId, List<String> requestedGroups) {
        Instance parsed = instance(i, ownerId);
        return parsed.firewallIds().isEmpty() && !requestedGroups.isEmpty()
                ? new Instance(parsed.id(), parsed.name(), parsed.ownerId(), parsed.imageId(), parsed.realmId(),
                        parsed.profile(), parsed.state(), parsed.actions(), parsed.publicAddresses(),
                        parsed.privateAddresses(), parsed.keyName(), requestedGroups, parsed.volumes(),
                        parsed.launchedAt())
                : parsed;
    }

    static Instance instance(RunningInstance i, String ownerId) {
        InstanceState state = Ec2States.of(i.getRawState());
        List<InstanceAddress> publicAddresses = new ArrayList<>();
        addIfSet(publicAddresses, i.getIpAddress(), InstanceAddress.Type.IPV4);
        addIfSet(publicAddresses, i.getDnsName(), InstanceAddress.Type.HOSTNAME);
        List<InstanceAddress> privateAddresses = new ArrayList<>();
        addIfSet(privateAddresses, i.getPrivateIpAddress(), InstanceAddress.Type.IPV4);
        addIfSet(privateAddresses, i.getPrivateDnsName(), InstanceAddress.Type.HOSTNAME);
        List<VolumeAttachment> volumes = new ArrayList<>();
        for (Map.Entry<String, BlockDevice> device : i.getEbsBlockDevices().entrySet()) {
            volumes.add(new VolumeAttachment(device.getValue().getVolumeId(), i.getId(), device.getKey()));
        }
        String name = i.getTags().getOrDefault("Name", i.getId());
        return new Instance(i.getId(), name, ownerId, i.getImageId(), i.getAvailabilityZone(),
                new InstanceProfile(i.getInstanceType(), Map.of()), state, Ec2States.MACHINE.actionsIn(state),
                publicAddresses, privateAddresses, i.getKeyName(), firewalls(i), volumes, instant(i.getLaunchTime()));
    }

    /** The instance's security group ids (aws-ec2 parses them; the plain EC2 type knows only names). */
    private static List<String> firewalls(RunningInstance i) {
        return i instanceof AWSRunningInstance aws
                ? aws.getSecurityGroupIdToNames().keySet().stream().sorted().toList() : List.of();
    }

    static Image image(org.jclouds.ec2.domain.Image i) {
        String architecture = architecture(i.getArchitecture());
        return new Image(i.getId(), i.getName() == null ? i.getId() : i.getName(), i.getDescription(),
                i.getImageOwnerId(), architecture, i.getRawState().toUpperCase(Locale.ROOT),
                Ec2InstanceTypes.idsFor(architecture), null);
    }

    static String architecture(org.jclouds.ec2.domain.Image.Architecture architecture) {
        if (architecture == null) {
            return "x86_64";
        }
        return switch (architecture) {
            case I386 -> "i386";
            case ARM64 -> "arm64";
            default -> "x86_64";
        };
    }

    static StorageVolume volume(Volume v) {
        VolumeAttachment attachment = v.getAttachments().stream()
                .filter(a -> a.getStatus() != Attachment.Status.DETACHED)
                .findFirst().map(a -> new VolumeAttachment(v.getId(), a.getId(), a.getDevice())).orElse(null);
        return new StorageVolume(v.getId(), v.getId(), v.getSize(), v.getAvailabilityZone(),
                v.getStatus().value().toUpperCase(Locale.ROOT), null, emptyToNull(v.getSnapshotId()), attachment,
                instant(v.getCreateTime()));
    }

    static StorageSnapshot snapshot(Snapshot s) {
        return new StorageSnapshot(s.getId(), s.getId(), s.getVolumeId(), s.getStatus().value().toUpperCase(Locale.ROOT),
                emptyToNull(s.getDescription()), instant(s.getStartTime()));
    }

    private static void addIfSet(List<InstanceAddress> addresses, String value, InstanceAddress.Type type) {
        if (value != null && !value.isBlank()) {
            addresses.add(new InstanceAddress(value, type));
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
