package io.skyfed.drivers.libvirt;

import io.skyfed.drivers.spi.CapacityService;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.HardwareProperty;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceAction;
import io.skyfed.drivers.spi.InstanceProfile;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.Realm;
import io.skyfed.drivers.spi.StorageSnapshotService;
import io.skyfed.drivers.spi.StorageVolumeService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;

/** One libvirt host: domains are instances, the image pool's volumes are images. */
final class LibvirtSession implements DriverSession {

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    private static final Pattern FORMAT = Pattern.compile("<format type=['\"](\\w+)['\"]");

    private final LibvirtHost host;
    private final String ownerId;

    LibvirtSession(LibvirtHost host, String ownerId) {
        this.host = host;
        this.ownerId = ownerId;
    }

    LibvirtHost host() {
        return host;
    }

    // ---- realms and profiles ------------------------------------------------------------------------------

    @Override
    public List<Realm> realms() {
        // Always asks the host, so that an unreachable host or refused login shows here too.
        String hostName = host.read("host name", "realm", null, Connect::getHostName);
        String id = host.settings.realm().orElse(hostName);
        return List.of(new Realm(id, id, true, null));
    }

    @Override
    public Realm realm(String id) {
        return realms().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("realm", id));
    }

    @Override
    public List<HardwareProfile> hardwareProfiles() {
        NodeInfo node = host.read("node info", "host", null, Connect::nodeInfo);
        return LibvirtProfiles.forHost(node.cpus, node.memory / 1024, host.settings.architecture());
    }

    @Override
    public HardwareProfile hardwareProfile(String id) {
        return hardwareProfiles().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("hardware_profile", id));
    }

    // ---- images -------------------------------------------------------------------------------------------

    @Override
    public List<Image> images(ImageFilter filter) {
        List<String> names = host.read("list images", "storage pool", host.settings.imagePool(), c -> {
            List<String> volumes = new ArrayList<>(Arrays.asList(imagePool(c).listVolumes()));
            if (host.settings.imagePool().equals(host.settings.instancePool())) {
                // Instance disks share the pool with the templates: a domain's own disk is no image.
                for (Domain d : c.listAllDomains(0)) {
                    volumes.remove(DomainXml.metadata(d.getXMLDesc(0)).diskVolume());
                }
            }
            return volumes;
        });
        List<String> profiles = profileIds();
        return names.stream().sorted().map(n -> image(n, profiles)).filter(filter::matches).toList();
    }

    @Override
    public Image image(String id) {
        if (!NAME.matcher(id).matches()) {
            throw new NotFoundException("image", id);
        }
        return images(ImageFilter.ALL).stream().filter(i -> i.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("image", id));
    }

    private Image image(String volumeName, List<String> profiles) {
        return new Image(volumeName, volumeName, "disk template in pool " + host.settings.imagePool(),
                host.settings.imagePool(), host.settings.architecture(), "AVAILABLE", profiles, null);
    }

    private List<String> profileIds() {
        return hardwareProfiles().stream().map(HardwareProfile::id).toList();
    }

    private StoragePool imagePool(Connect c) throws LibvirtException {
        return c.storagePoolLookupByName(host.settings.imagePool());
    }

    private StoragePool instancePool(Connect c) throws LibvirtException {
        return c.storagePoolLookupByName(host.settings.instancePool());
    }

    // ---- instances ----------------------------------------------------------------------------------------

    /** A domain as read in one libvirt round: its identity, state, size and Skyfed metadata. */
    private record DomainView(String uuid, String name, DomainInfo info, DomainXml.Metadata metadata) {
    }

    private static DomainView view(Domain d) throws LibvirtException {
        return new DomainView(d.getUUIDString(), d.getName(), d.getInfo(), DomainXml.metadata(d.getXMLDesc(0)));
    }

    @Override
    public List<Instance> instances() {
        String realm = realms().get(0).id();
        List<DomainView> views = host.read("list domains", "instance", null, c -> {
            List<DomainView> all = new ArrayList<>();
            for (Domain d : c.listAllDomains(0)) {
                all.add(view(d));
            }
            return all;
        });
        return views.stream().map(v -> toInstance(v, realm)).sorted(Comparator.comparing(Instance::id)).toList();
    }

    @Override
    public Instance instance(String id) {
        if (!UUID_TEXT.matcher(id).matches()) {
            throw new NotFoundException("instance", id);
        }
        DomainView v = host.read("look up domain", "instance", id, c -> view(c.domainLookupByUUIDString(id)));
        return toInstance(v, realms().get(0).id());
    }

    private Instance toInstance(DomainView v, String realm) {
        InstanceState state = LibvirtStates.of(v.info().state);
        Map<String, String> overrides = new LinkedHashMap<>(v.metadata().overrides());
        String profile = v.metadata().profileId();
        if (profile == null) {
            // Not created by Skyfed: describe it by what it has.
            profile = LibvirtProfiles.CUSTOM;
            overrides.put(HardwareProperty.CPU, Integer.toString(v.info().nrVirtCpu));
            overrides.put(HardwareProperty.MEMORY, Long.toString(v.info().maxMem / 1024));
        }
        return new Instance(v.uuid(), v.name(), ownerId, v.metadata().imageId(), realm,
                new InstanceProfile(profile, overrides), state, LibvirtStates.MACHINE.actionsIn(state), List.of(),
                List.of(), null, List.of(), List.of(), null);
    }

    @Override
    public Instance createInstance(InstanceSpec spec) {
        Image image;
        try {
            image = image(spec.imageId());
        } catch (NotFoundException e) {
            throw new InvalidArgumentException("image_id", "image '" + spec.imageId() + "' does not exist");
        }
        String profileId = spec.hardwareProfileId() == null ? "small" : spec.hardwareProfileId();
        HardwareProfile profile = hardwareProfiles().stream().filter(p -> p.id().equals(profileId)).findFirst()
                .orElseThrow(() -> new InvalidArgumentException("hwp_id", "hardware profile '" + profileId
                        + "' does not exist"));
        Map<String, String> chosen = chooseSize(profile, spec.profileOverrides());
        if (spec.realmId() != null && !spec.realmId().equals(realms().get(0).id())) {
            throw new InvalidArgumentException("realm_id", "realm '" + spec.realmId() + "' does not exist");
        }
        if (spec.keyName() != null || spec.userData() != null || !spec.firewallIds().isEmpty()) {
            throw new InvalidArgumentException(spec.keyName() != null ? "keyname"
                    : spec.userData() != null ? "user_data" : "firewalls",
                    "the libvirt driver takes no keys, user data or firewalls at creation");
        }
        String name = spec.name() != null ? spec.name() : "skyfed-" + UUID.randomUUID().toString().substring(0, 8);
        if (!NAME.matcher(name).matches()) {
            throw new InvalidArgumentException("name", "an instance name is 1 to 63 letters, digits, '.', '_' or '-'"
                    + " and starts with a letter or digit");
        }
        boolean taken = host.read("look up domain name", "instance", name, c -> Arrays.asList(c.listAllDomains(0))
                .stream().anyMatch(d -> name.equals(nameOf(d))));
        if (taken) {
            throw new InvalidArgumentException("name", "an instance named '" + name + "' exists on this host");
        }
        int vcpus = Integer.parseInt(chosen.get(HardwareProperty.CPU));
        long memoryMb = (long) Double.parseDouble(chosen.get(HardwareProperty.MEMORY));
        Map<String, String> overrides = profile.id().equals(LibvirtProfiles.CUSTOM) ? chosen : Map.of();
        String uuid = host.write("create domain", "instance", name, c -> create(c, image.id(), profile.id(), overrides,
                name, vcpus, memoryMb));
        return instance(uuid);
    }

    private static String nameOf(Domain d) {
        try {
            return d.getName();
        } catch (LibvirtException gone) {
            return null;
        }
    }

    private static Map<String, String> chooseSize(HardwareProfile profile, Map<String, String> requested) {
        Map<String, String> chosen = new LinkedHashMap<>();
        for (HardwareProperty property : profile.properties()) {
            String value = requested.getOrDefault(property.name(), property.value());
            if (!property.accepts(value)) {
                throw new InvalidArgumentException(property.parameterName(), property.name() + " " + value
                        + " is outside hardware profile " + profile.id());
            }
            chosen.put(property.name(), value);
        }
        for (String name : requested.keySet()) {
            if (profile.property(name).isEmpty()) {
                throw new InvalidArgumentException("hwp_" + name, "hardware profile " + profile.id() + " has no "
                        + name);
            }
        }
        return chosen;
    }

    /**
     * Clones the image into the instance pool, defines the domain and boots it; undoes what it did if a later step
     * fails, so a failed create leaves nothing behind.
     */
    private String create(Connect c, String imageId, String profileId, Map<String, String> overrides, String name,
                          int vcpus, long memoryMb) throws LibvirtException {
        StorageVol template = imagePool(c).storageVolLookupByName(imageId);
        String format = formatOf(template.getXMLDesc(0));
        String diskName = name + "-disk." + format;
        String volumeXml = "<volume><name>" + diskName + "</name><capacity unit='bytes'>" + template.getInfo().capacity
                + "</capacity><target><format type='" + format + "'/></target></volume>";
        StorageVol disk = instancePool(c).storageVolCreateXMLFrom(volumeXml, template, 0);
        Domain domain = null;
        try {
            domain = c.domainDefineXML(DomainXml.forNewInstance(host.settings, name, vcpus, memoryMb, disk.getPath(),
                    format, new DomainXml.Metadata(imageId, profileId, overrides, diskName)));
            domain.create();
            return domain.getUUIDString();
        } catch (LibvirtException | RuntimeException e) {
            undo(domain, disk);
            throw e;
        }
    }

    private static void undo(Domain domain, StorageVol disk) {
        try {
            if (domain != null) {
                if (domain.isActive() == 1) {
                    domain.destroy();
                }
                domain.undefine();
            }
            disk.delete(0);
        } catch (LibvirtException cleanupFailed) {
            System.getLogger(LibvirtSession.class.getName()).log(System.Logger.Level.WARNING,
                    "could not remove the remains of a failed create: " + cleanupFailed.getMessage());
        }
    }

    static String formatOf(String volumeXml) {
        Matcher m = FORMAT.matcher(volumeXml);
        return m.find() ? m.group(1) : "raw";
    }

    @Override
    public Instance start(String instanceId) {
        requireAction(instanceId, InstanceAction.START);
        host.write("start domain", "instance", instanceId, c -> {
            Domain d = c.domainLookupByUUIDString(instanceId);
            if (d.getInfo().state == DomainInfo.DomainState.VIR_DOMAIN_PAUSED) {
                d.resume();
            } else {
                d.create();
            }
            return null;
        });
        return instance(instanceId);
    }

    @Override
    public Instance stop(String instanceId) {
        requireAction(instanceId, InstanceAction.STOP);
        host.write("shut down domain", "instance", instanceId, c -> {
            c.domainLookupByUUIDString(instanceId).shutdown();
            return null;
        });
        return instance(instanceId);
    }

    @Override
    public Instance reboot(String instanceId) {
        requireAction(instanceId, InstanceAction.REBOOT);
        host.write("reboot domain", "instance", instanceId, c -> {
            c.domainLookupByUUIDString(instanceId).reboot(0);
            return null;
        });
        return instance(instanceId);
    }

    @Override
    public void destroy(String instanceId) {
        requireAction(instanceId, InstanceAction.DESTROY);
        host.write("destroy domain", "instance", instanceId, c -> {
            Domain d = c.domainLookupByUUIDString(instanceId);
            DomainXml.Metadata metadata = DomainXml.metadata(d.getXMLDesc(0));
            if (d.isActive() == 1) {
                d.destroy();
            }
            d.undefine();
            if (metadata.diskVolume() != null) {
                instancePool(c).storageVolLookupByName(metadata.diskVolume()).delete(0);
            }
            return null;
        });
    }

    private void requireAction(String instanceId, InstanceAction action) {
        Instance instance = instance(instanceId);
        if (!instance.actions().contains(action)) {
            throw new InvalidStateException("instance " + instanceId + " is " + instance.state().apiName()
                    + ": it cannot " + action.apiName());
        }
    }

    // ---- optional collections -----------------------------------------------------------------------------

    @Override
    public Optional<StorageVolumeService> storageVolumes() {
        return Optional.of(new LibvirtVolumeService(this));
    }

    @Override
    public Optional<StorageSnapshotService> storageSnapshots() {
        return Optional.of(new LibvirtSnapshotService(host));
    }

    @Override
    public Optional<CapacityService> capacity() {
        return Optional.of(new LibvirtCapacityService(host));
    }

    @Override
    public Optional<DiskTransferService> diskTransfer() {
        return Optional.of(new LibvirtDiskTransfer(this));
    }
}
