package io.skyfed.drivers.openstack;

import io.skyfed.drivers.jclouds.JcloudsBlobStore;
import io.skyfed.drivers.jclouds.JcloudsFailures;
import io.skyfed.drivers.spi.AddressService;
import io.skyfed.drivers.spi.BlobStore;
import io.skyfed.drivers.spi.FirewallService;
import io.skyfed.drivers.spi.StorageSnapshotService;
import io.skyfed.drivers.spi.StorageVolumeService;
import io.skyfed.drivers.spi.CapacityService;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.HardwareProperty;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceAction;
import io.skyfed.drivers.spi.InstanceAddress;
import io.skyfed.drivers.spi.InstanceProfile;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.KeyService;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.Realm;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jclouds.openstack.nova.v2_0.domain.Address;
import org.jclouds.openstack.nova.v2_0.domain.Flavor;
import org.jclouds.openstack.nova.v2_0.domain.RebootType;
import org.jclouds.openstack.nova.v2_0.domain.Server;
import org.jclouds.openstack.nova.v2_0.features.ServerApi;
import org.jclouds.openstack.nova.v2_0.options.CreateServerOptions;

/** One OpenStack project in one region, through Nova. */
final class OpenStackSession implements DriverSession {

    /** Server metadata key carrying the create's request token, for the look-up before a retried create. */
    static final String REQUEST_TOKEN = "skyfed-request";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final OpenStackAccount account;

    OpenStackSession(OpenStackAccount account) {
        this.account = account;
    }

    private ServerApi servers() {
        return account.nova().getServerApi(account.region());
    }

    // ---- realms, profiles, images -------------------------------------------------------------------------

    @Override
    public List<Realm> realms() {
        return account.read("list availability zones", "realm", null, () -> account.nova()
                        .getAvailabilityZoneApi(account.region()).get().listAvailabilityZones().toList())
                .stream().map(z -> new Realm(z.getName(), z.getName(), z.getState().isAvailable(), null))
                .sorted(Comparator.comparing(Realm::id)).toList();
    }

    @Override
    public Realm realm(String id) {
        return realms().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("realm", id));
    }

    @Override
    public List<HardwareProfile> hardwareProfiles() {
        return flavors().stream().map(OpenStackSession::profile).toList();
    }

    private List<Flavor> flavors() {
        return account.read("list flavors", "hardware_profile", null, () -> account.nova()
                .getFlavorApi(account.region()).listInDetail().concat().toList());
    }

    private static HardwareProfile profile(Flavor f) {
        return new HardwareProfile(f.getId(), f.getName(), List.of(
                HardwareProperty.fixed(HardwareProperty.CPU, "count", Integer.toString(f.getVcpus())),
                HardwareProperty.fixed(HardwareProperty.MEMORY, "MB", Integer.toString(f.getRam())),
                HardwareProperty.fixed(HardwareProperty.STORAGE, "GB", Integer.toString(f.getDisk()))));
    }

    @Override
    public HardwareProfile hardwareProfile(String id) {
        return hardwareProfiles().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("hardware_profile", id));
    }

    @Override
    public List<Image> images(ImageFilter filter) {
        List<Flavor> flavors = flavors();
        return account.read("list images", "image", null, () -> account.nova().getImageApi(account.region())
                        .listInDetail().concat().toList())
                .stream().map(i -> image(i, flavors)).filter(filter::matches)
                .sorted(Comparator.comparing(Image::id)).toList();
    }

    @Override
    public Image image(String id) {
        if (!ID.matcher(id).matches()) {
            throw new NotFoundException("image", id);
        }
        org.jclouds.openstack.nova.v2_0.domain.Image image = account.read("get image", "image", id,
                () -> account.nova().getImageApi(account.region()).get(id));
        if (image == null) {
            throw new NotFoundException("image", id);
        }
        return image(image, flavors());
    }

    private static Image image(org.jclouds.openstack.nova.v2_0.domain.Image i, List<Flavor> flavors) {
        List<String> fitting = flavors.stream()
                .filter(f -> f.getDisk() >= i.getMinDisk() && f.getRam() >= i.getMinRam())
                .map(Flavor::getId).toList();
        String architecture = i.getMetadata().getOrDefault("architecture", "x86_64");
        return new Image(i.getId(), i.getName(), "", i.getTenantId() == null ? "public" : i.getTenantId(),
                architecture, i.getStatus().name(), fitting,
                i.getCreated() == null ? null : i.getCreated().toInstant());
    }

    // ---- instances ----------------------------------------------------------------------------------------

    @Override
    public List<Instance> instances() {
        List<Server> all = account.read("list servers", "instance", null,
                () -> servers().listInDetail().concat().toList());
        Map<String, List<String>> groups = new NeutronPorts(new OpenStackRest(account)).securityGroups(null);
        return all.stream().map(s -> instance(s, groups.getOrDefault(s.getId(), List.of())))
                .sorted(Comparator.comparing(Instance::id)).toList();
    }

    @Override
    public Instance instance(String id) {
        if (!ID.matcher(id).matches()) {
            throw new NotFoundException("instance", id);
        }
        Server server = account.read("get server", "instance", id, () -> servers().get(id));
        if (server == null) {
            throw new NotFoundException("instance", id);
        }
        return instance(server, new NeutronPorts(new OpenStackRest(account)).securityGroups(id)
                .getOrDefault(id, List.of()));
    }

    private static Instance instance(Server s, List<String> firewallIds) {
        InstanceState state = NovaStates.of(s);
        List<InstanceAddress> publicAddresses = new ArrayList<>();
        List<InstanceAddress> privateAddresses = new ArrayList<>();
        for (Address a : s.getAddresses().values()) {
            InstanceAddress address = new InstanceAddress(a.getAddr(),
                    a.getVersion() == 6 ? InstanceAddress.Type.IPV6 : InstanceAddress.Type.IPV4);
            (a.getType().or("fixed").equals("floating") ? publicAddresses : privateAddresses).add(address);
        }
        return new Instance(s.getId(), s.getName(), s.getTenantId(), s.getImage() == null ? null : s.getImage().getId(),
                s.getAvailabilityZone().orNull(), new InstanceProfile(s.getFlavor().getId(), Map.of()), state,
                NovaStates.MACHINE.actionsIn(state), publicAddresses, privateAddresses, s.getKeyName(), firewallIds,
                List.of(), s.getCreated() == null ? null : s.getCreated().toInstant());
    }

    @Override
    public Instance createInstance(InstanceSpec spec) {
        Image image;
        try {
            image = image(spec.imageId());
        } catch (NotFoundException e) {
            throw new InvalidArgumentException("image_id", "image '" + spec.imageId() + "' does not exist");
        }
        String flavor = spec.hardwareProfileId() != null ? spec.hardwareProfileId()
                : image.hardwareProfileIds().stream().findFirst().orElseThrow(() -> new InvalidArgumentException(
                        "hwp_id", "no flavour is large enough for image " + image.id()));
        if (!image.hardwareProfileIds().contains(flavor)) {
            throw new InvalidArgumentException("hwp_id", "flavour '" + flavor + "' does not exist or is too small "
                    + "for image " + image.id());
        }
        HardwareProfile profile = hardwareProfile(flavor);
        spec.profileOverrides().forEach((property, value) -> profile.property(property).filter(p -> p.accepts(value))
                .orElseThrow(() -> new InvalidArgumentException("hwp_" + property, "flavour " + flavor
                        + " has a fixed " + property + "; " + value + " is not it")));
        if (spec.realmId() != null && realms().stream().noneMatch(r -> r.id().equals(spec.realmId()))) {
            throw new InvalidArgumentException("realm_id", "realm '" + spec.realmId() + "' does not exist");
        }
        if (spec.keyName() != null) {
            new NovaKeyService(account).require(spec.keyName());
        }
        NeutronFirewallService firewalls = new NeutronFirewallService(new OpenStackRest(account));
        for (String firewall : spec.firewallIds()) {
            try {
                firewalls.get(firewall);
            } catch (NotFoundException e) {
                throw new InvalidArgumentException("firewalls", "firewall '" + firewall + "' does not exist");
            }
        }
        String token = UUID.randomUUID().toString();
        CreateServerOptions options = CreateServerOptions.Builder.metadata(Map.of(REQUEST_TOKEN, token));
        if (spec.realmId() != null) {
            options.availabilityZone(spec.realmId());
        }
        if (spec.keyName() != null) {
            options.keyPairName(spec.keyName());
        }
        if (spec.userData() != null) {
            options.userData(spec.userData());
        }
        if (!spec.firewallIds().isEmpty()) {
            // With Neutron, Nova resolves a security group "name" given as an id: ids cannot be ambiguous.
            options.securityGroupNames(spec.firewallIds());
        }
        String name = spec.name() != null ? spec.name() : "skyfed-" + token.substring(0, 8);
        return instance(createOnce(name, image.id(), flavor, options, token));
    }

    /**
     * Nova takes no idempotency token, so the create carries one in its metadata: a retried create (after a 5xx,
     * 429, reset or timeout) first searches the project's servers for the token, so a lost answer never leads to a
     * second server.
     */
    private String createOnce(String name, String imageId, String flavor, CreateServerOptions options, String token) {
        return account.lookUpBeforeRetry("create server", "instance", name,
                () -> servers().listInDetail().concat().toList().stream()
                        .filter(s -> token.equals(s.getMetadata().get(REQUEST_TOKEN))).map(Server::getId).findFirst(),
                () -> servers().create(name, imageId, flavor, options).getId());
    }

    @Override
    public Instance start(String instanceId) {
        requireAction(instanceId, InstanceAction.START);
        account.write("start server", "instance", instanceId, () -> {
            servers().start(instanceId);
            return null;
        });
        return instance(instanceId);
    }

    @Override
    public Instance stop(String instanceId) {
        requireAction(instanceId, InstanceAction.STOP);
        account.write("stop server", "instance", instanceId, () -> {
            servers().stop(instanceId);
            return null;
        });
        return instance(instanceId);
    }

    @Override
    public Instance reboot(String instanceId) {
        requireAction(instanceId, InstanceAction.REBOOT);
        account.write("reboot server", "instance", instanceId, () -> {
            servers().reboot(instanceId, RebootType.SOFT);
            return null;
        });
        return instance(instanceId);
    }

    @Override
    public void destroy(String instanceId) {
        requireAction(instanceId, InstanceAction.DESTROY);
        // Deleting is idempotent: a repeated delete of a deleted server changes nothing.
        account.read("delete server", "instance", instanceId, () -> servers().delete(instanceId));
    }

    private void requireAction(String instanceId, InstanceAction action) {
        Instance instance = instance(instanceId);
        if (!instance.actions().contains(action)) {
            throw new InvalidStateException("instance " + instanceId + " is " + instance.state().apiName()
                    + ": it cannot " + action.apiName());
        }
    }

    @Override
    public Optional<KeyService> keys() {
        return Optional.of(new NovaKeyService(account));
    }

    @Override
    public Optional<StorageVolumeService> storageVolumes() {
        return Optional.of(new CinderVolumeService(this, new OpenStackRest(account)));
    }

    @Override
    public Optional<StorageSnapshotService> storageSnapshots() {
        return Optional.of(new CinderSnapshotService(new OpenStackRest(account)));
    }

    @Override
    public Optional<FirewallService> firewalls() {
        return Optional.of(new NeutronFirewallService(new OpenStackRest(account)));
    }

    @Override
    public Optional<AddressService> addresses() {
        return Optional.of(new NeutronAddressService(this, new OpenStackRest(account),
                account.settings.floatingNetwork().orElse(null)));
    }

    @Override
    public Optional<CapacityService> capacity() {
        return Optional.of(new NovaLimitsCapacity(account));
    }

    @Override
    public Optional<DiskTransferService> diskTransfer() {
        return Optional.of(new GlanceDiskTransfer(account, this));
    }

    @Override
    public Optional<BlobStore> blobStore() {
        return Optional.of(new JcloudsBlobStore(account.guard, account.transfers, () -> account.swift().getBlobStore(),
                JcloudsFailures::translate));
    }
}
