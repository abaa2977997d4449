package io.skyfed.drivers.google;

import static io.skyfed.drivers.google.GoogleJson.lastSegment;
import static io.skyfed.drivers.google.GoogleJson.objects;
import static io.skyfed.drivers.google.GoogleJson.text;

import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.HardwareProperty;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceAddress;
import io.skyfed.drivers.spi.InstanceProfile;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.StorageSnapshot;
import io.skyfed.drivers.spi.StorageVolume;
import io.skyfed.drivers.spi.VolumeAttachment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jclouds.googlecomputeengine.domain.Disk;
import org.jclouds.googlecomputeengine.domain.MachineType;
import org.jclouds.googlecomputeengine.domain.Snapshot;

/** Maps Compute Engine resources (native JSON and jclouds types) to SPI records; nothing of either goes further. */
final class GoogleRecords {

    /** Instance metadata keys the driver writes: the image and firewalls an instance was created with. */
    static final String IMAGE_KEY = "skyfed-image";
    static final String FIREWALLS_KEY = "skyfed-firewalls";
    static final String SSH_KEYS = "ssh-keys";

    private GoogleRecords() {
    }

    static Instance instance(JsonObject i, String project) {
        InstanceState state = GoogleStates.of(text(i, "status"));
        List<InstanceAddress> publicAddresses = new ArrayList<>();
        List<InstanceAddress> privateAddresses = new ArrayList<>();
        for (JsonObject nic : objects(i, "networkInterfaces")) {
            String ip = text(nic, "networkIP");
            if (ip != null) {
                privateAddresses.add(new InstanceAddress(ip, InstanceAddress.Type.IPV4));
            }
            for (JsonObject access : objects(nic, "accessConfigs")) {
                String nat = text(access, "natIP");
                if (nat != null) {
                    publicAddresses.add(new InstanceAddress(nat, InstanceAddress.Type.IPV4));
                }
            }
        }
        String name = text(i, "name");
        List<VolumeAttachment> volumes = new ArrayList<>();
        for (JsonObject disk : objects(i, "disks")) {
            if (!"true".equals(text(disk, "boot"))) {
                volumes.add(new VolumeAttachment(lastSegment(text(disk, "source")), name, text(disk, "deviceName")));
            }
        }
        JsonObject metadata = i.getAsJsonObject("metadata");
        String keyName = GoogleJson.metadata(metadata, SSH_KEYS)
                .map(keys -> keys.lines().findFirst().orElse(""))
                .filter(line -> line.contains(":")).map(line -> line.substring(0, line.indexOf(':'))).orElse(null);
        return new Instance(name, name, project, GoogleJson.metadata(metadata, IMAGE_KEY).orElse(null),
                lastSegment(text(i, "zone")), new InstanceProfile(lastSegment(text(i, "machineType")), Map.of()),
                state, GoogleStates.MACHINE.actionsIn(state), publicAddresses, privateAddresses, keyName,
                GoogleJson.metadata(metadata, FIREWALLS_KEY).map(f -> List.of(f.split(","))).orElse(List.of()),
                volumes, GoogleJson.instant(text(i, "creationTimestamp")));
    }

    /**
     * An image; those of the account's own project go by their name, public ones by {@code project:name} (neither
     * may contain a colon, so the id reads back unambiguously).
     */
    static Image image(JsonObject i, String imageProject, String ownProject, List<String> profileIds) {
        String name = text(i, "name");
        String id = imageProject.equals(ownProject) ? name : imageProject + ":" + name;
        String architecture = text(i, "architecture");
        return new Image(id, name, text(i, "description"), imageProject,
                architecture == null ? "x86_64" : architecture.toLowerCase(Locale.ROOT),
                text(i, "status"), profileIds, GoogleJson.instant(text(i, "creationTimestamp")));
    }

    static HardwareProfile profile(MachineType type) {
        return new HardwareProfile(type.name(), type.name(), List.of(
                HardwareProperty.fixed(HardwareProperty.CPU, "count", Integer.toString(type.guestCpus())),
                HardwareProperty.fixed(HardwareProperty.MEMORY, "MB", Integer.toString(type.memoryMb()))));
    }

    static StorageVolume volume(Disk d, VolumeAttachment attachment) {
        return new StorageVolume(d.name(), d.name(), d.sizeGb(), lastSegment(d.zone().toString()),
                attachment != null ? "IN-USE" : d.status().name(), d.description(),
                lastSegment(d.sourceSnapshot()), attachment,
                d.creationTimestamp() == null ? null : d.creationTimestamp().toInstant());
    }

    static StorageSnapshot snapshot(Snapshot s) {
        return new StorageSnapshot(s.name(), s.name(), lastSegment(s.sourceDisk() == null ? "" : s.sourceDisk()
                .toString()), s.status() == null ? "UNKNOWN" : s.status(), s.description(),
                s.creationTimestamp() == null ? null : s.creationTimestamp().toInstant());
    }
}
