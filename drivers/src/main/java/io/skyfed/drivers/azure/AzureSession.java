package io.skyfed.drivers.azure;

import com.google.gson.JsonObject;
import io.skyfed.drivers.jclouds.JcloudsBlobStore;
import io.skyfed.drivers.jclouds.JcloudsFailures;
import io.skyfed.drivers.spi.AddressService;
import io.skyfed.drivers.spi.BlobStore;
import io.skyfed.drivers.spi.CapacityService;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.FirewallService;
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
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.KeyService;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.Realm;
import io.skyfed.drivers.spi.StorageSnapshotService;
import io.skyfed.drivers.spi.StorageVolumeService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jclouds.azurecompute.arm.domain.IdReference;
import org.jclouds.azurecompute.arm.domain.ImageReference;
import org.jclouds.azurecompute.arm.domain.IpConfiguration;
import org.jclouds.azurecompute.arm.domain.NetworkInterfaceCard;
import org.jclouds.azurecompute.arm.domain.publicipaddress.PublicIPAddress;
import org.jclouds.azurecompute.arm.domain.Status;
import org.jclouds.azurecompute.arm.domain.VMSize;
import org.jclouds.azurecompute.arm.domain.VirtualMachine;
import org.jclouds.azurecompute.arm.domain.VirtualMachineInstance;

/**
 * One Azure subscription's resource group in one location. Every call goes through the account's fault guard;
 * jclouds types stay in this package.
 */
final class AzureSession implements DriverSession {

    static final String ARCHITECTURE = "x86_64";
    /** Tag on each VM naming the key it was created with (Azure keeps only the public key's text). */
    static final String KEY_TAG = "skyfed-key";

    /** Versions of the lists read natively (jclouds reads only a list's first page). */
    static final String COMPUTE_API = "2023-03-01";
    static final String NETWORK_API = "2023-09-01";

    private final AzureAccount account;

    AzureSession(AzureAccount account) {
        this.account = account;
    }

    private String groupPath(String type) {
        return "/resourceGroups/" + account.group() + "/providers/" + type;
    }

    // ---- realms and profiles ------------------------------------------------------------------------------

    /** The provider's one location: a provider is a subscription's resource group in one location. */
    @Override
    public List<Realm> realms() {
        String location = account.settings.location();
        return account.idempotent("ListLocations", "realm", null, () -> account.api().getLocationApi().list())
                .stream()
                .filter(l -> l.name().equals(location))
                .map(l -> new Realm(l.name(), l.displayName() == null ? l.name() : l.displayName(), true, null))
                .toList();
    }

    @Override
    public Realm realm(String id) {
        return realms().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("realm", id));
    }

    @Override
    public List<HardwareProfile> hardwareProfiles() {
        String location = account.settings.location();
        return account.idempotent("ListVirtualMachineSizes", "hardware_profile", null,
                        () -> account.api().getVMSizeApi(location).list())
                .stream().map(AzureSession::profile).sorted(Comparator.comparing(HardwareProfile::id)).toList();
    }

    private static HardwareProfile profile(VMSize size) {
        List<HardwareProperty> properties = new ArrayList<>();
        properties.add(HardwareProperty.fixed(HardwareProperty.CPU, "count", String.valueOf(size.numberOfCores())));
        properties.add(HardwareProperty.fixed(HardwareProperty.MEMORY, "MB", String.valueOf(size.memoryInMB())));
        if (size.resourceDiskSizeInMB() != null) {
            properties.add(HardwareProperty.fixed(HardwareProperty.STORAGE, "GB",
                    String.valueOf(size.resourceDiskSizeInMB() / 1024)));
        }
        properties.add(HardwareProperty.fixed(HardwareProperty.ARCHITECTURE, "label", ARCHITECTURE));
        return new HardwareProfile(size.name(), size.name(), properties);
    }

    @Override
    public HardwareProfile hardwareProfile(String id) {
        return hardwareProfiles().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("hardware_profile", id));
    }

    // ---- images -------------------------------------------------------------------------------------------

    /** The managed images of the resource group (what disk import makes), then the configured Marketplace offers. */
    @Override
    public List<Image> images(ImageFilter filter) {
        List<String> sizes = sizeIds();
        List<Image> images = new ArrayList<>(account.list("ListImages", "image", groupPath("Microsoft.Compute/images"),
                        COMPUTE_API, org.jclouds.azurecompute.arm.domain.Image.class)
                .stream().map(i -> image(i, sizes)).sorted(Comparator.comparing(Image::id)).toList());
        images.addAll(new AzureMarketplace(account).images(sizes));
        return images.stream().filter(filter::matches).toList();
    }

    /** A managed image by name, or a Marketplace image by URN ({@code publisher:offer:sku:version}). */
    @Override
    public Image image(String id) {
        Optional<AzureMarketplace.Urn> urn = AzureMarketplace.Urn.parse(id);
        if (urn.isPresent()) {
            return new AzureMarketplace(account).image(urn.get(), sizeIds());
        }
        if (!AzureNames.isResourceName(id)) {
            throw new NotFoundException("image", id);
        }
        org.jclouds.azurecompute.arm.domain.Image found = account.idempotent("GetImage", "image", id,
                () -> account.api().getVirtualMachineImageApi(account.group()).get(id));
        if (found == null) {
            throw new NotFoundException("image", id);
        }
        return image(found, sizeIds());
    }

    private Image image(org.jclouds.azurecompute.arm.domain.Image image, List<String> sizes) {
        String state = image.properties() == null || image.properties().provisioningState() == null
                ? "UNKNOWN" : image.properties().provisioningState();
        String description = image.tags() == null ? null : image.tags().get("description");
        return new Image(image.name(), image.name(), description, account.settings.subscriptionId(), ARCHITECTURE,
                "Succeeded".equalsIgnoreCase(state) ? "AVAILABLE" : state.toUpperCase(), sizes, null);
    }

    private List<String> sizeIds() {
        return hardwareProfiles().stream().map(HardwareProfile::id).toList();
    }

    // ---- instances ----------------------------------------------------------------------------------------

    @Override
    public List<Instance> instances() {
        List<VirtualMachine> vms = account.list("ListVirtualMachines", "instance",
                groupPath("Microsoft.Compute/virtualMachines"), COMPUTE_API, VirtualMachine.class);
        Addresses addresses = networkAddresses();
        Map<String, List<String>> statuses = statusesOfGroup();
        List<Instance> all = new ArrayList<>();
        for (VirtualMachine vm : vms) {
            try {
                List<String> codes = statuses.get(vm.id().toLowerCase());
                // a VM created after the status listing was read has its own instance view read
                all.add(instance(vm, codes != null ? codes : codes(view(vm.name())), addresses));
            } catch (NotFoundException deletedMeanwhile) {
                // a VM deleted between the list and its instance view is simply gone
            }
        }
        all.sort(Comparator.comparing(Instance::id));
        return all;
    }

    /** The group's NICs and public IPs, read once per listing and joined to VMs by resource id. */
    private record Addresses(Map<String, NetworkInterfaceCard> nics, Map<String, String> publicIps) {

        List<InstanceAddress> privateOf(VirtualMachine vm) {
            return ipConfigurations(vm).stream().map(c -> c.properties().privateIPAddress())
                    .filter(java.util.Objects::nonNull)
                    .map(ip -> new InstanceAddress(ip, InstanceAddress.Type.IPV4)).toList();
        }

        List<InstanceAddress> publicOf(VirtualMachine vm) {
            return ipConfigurations(vm).stream().map(c -> c.properties().publicIPAddress())
                    .filter(java.util.Objects::nonNull).map(ref -> publicIps.get(ref.id().toLowerCase()))
                    .filter(java.util.Objects::nonNull)
                    .map(ip -> new InstanceAddress(ip, InstanceAddress.Type.IPV4)).toList();
        }

        /** The network security groups of the VM's NICs, by name. */
        List<String> firewallsOf(VirtualMachine vm) {
            if (vm.properties() == null || vm.properties().networkProfile() == null) {
                return List.of();
            }
            return vm.properties().networkProfile().networkInterfaces().stream()
                    .map(reference -> nics.get(reference.id().toLowerCase()))
                    .filter(nic -> nic != null && nic.properties() != null
                            && nic.properties().networkSecurityGroup() != null)
                    .map(nic -> IdReference.extractName(nic.properties().networkSecurityGroup().id())).toList();
        }

        private List<IpConfiguration> ipConfigurations(VirtualMachine vm) {
            if (vm.properties() == null || vm.properties().networkProfile() == null) {
                return List.of();
            }
            List<IpConfiguration> all = new ArrayList<>();
            for (var reference : vm.properties().networkProfile().networkInterfaces()) {
                NetworkInterfaceCard nic = nics.get(reference.id().toLowerCase());
                if (nic != null && nic.properties() != null && nic.properties().ipConfigurations() != null) {
                    nic.properties().ipConfigurations().stream().filter(c -> c.properties() != null)
                            .forEach(all::add);
                }
            }
            return all;
        }
    }

    private Addresses networkAddresses() {
        Map<String, NetworkInterfaceCard> nics = new HashMap<>();
        account.list("ListNetworkInterfaces", "network_interface", groupPath("Microsoft.Network/networkInterfaces"),
                        NETWORK_API, NetworkInterfaceCard.class)
                .forEach(n -> nics.put(n.id().toLowerCase(), n));
        Map<String, String> ips = new HashMap<>();
        account.list("ListPublicIPAddresses", "address", groupPath("Microsoft.Network/publicIPAddresses"), NETWORK_API,
                        PublicIPAddress.class)
                .stream().filter(ip -> ip.properties() != null && ip.properties().ipAddress() != null)
                .forEach(ip -> ips.put(ip.id().toLowerCase(), ip.properties().ipAddress()));
        return new Addresses(nics, ips);
    }

    @Override
    public Instance instance(String id) {
        if (!AzureNames.isResourceName(id)) {
            throw new NotFoundException("instance", id);
        }
        VirtualMachine vm = account.idempotent("GetVirtualMachine", "instance", id,
                () -> account.api().getVirtualMachineApi(account.group()).get(id));
        if (vm == null) {
            throw new NotFoundException("instance", id);
        }
        return instance(vm, codes(view(id)), networkAddresses());
    }

    /**
     * The status codes of the group's VMs, by lower-cased resource id, from one paged listing instead of an
     * instance-view GET per VM: "List All" with {@code statusOnly=true} returns every VM of the subscription with its
     * instance view (the group's own list offers {@code $expand=instanceView} only with a scale-set filter), so the
     * subscription's other VMs are read and dropped.
     */
    private Map<String, List<String>> statusesOfGroup() {
        String prefix = account.settings.resourceId("Microsoft.Compute/virtualMachines", "").toLowerCase();
        Map<String, List<String>> statuses = new HashMap<>();
        for (JsonObject vm : account.list("ListAllVirtualMachineStatuses", "instance",
                "/providers/Microsoft.Compute/virtualMachines?statusOnly=true", COMPUTE_API)) {
            String id = vm.has("id") ? vm.get("id").getAsString().toLowerCase() : "";
            JsonObject properties = vm.getAsJsonObject("properties");
            JsonObject view = properties == null ? null : properties.getAsJsonObject("instanceView");
            if (id.startsWith(prefix) && view != null && view.has("statuses")) {
                List<String> codes = new ArrayList<>();
                view.getAsJsonArray("statuses").forEach(st -> codes.add(st.getAsJsonObject().get("code").getAsString()));
                statuses.put(id, codes);
            }
        }
        return statuses;
    }

    private static List<String> codes(VirtualMachineInstance view) {
        return view.statuses() == null ? List.of() : view.statuses().stream().map(Status::code).toList();
    }

    private VirtualMachineInstance view(String name) {
        VirtualMachineInstance view = account.idempotent("GetInstanceView", "instance", name,
                () -> account.api().getVirtualMachineApi(account.group()).getInstanceDetails(name));
        if (view == null) {
            throw new NotFoundException("instance", name);
        }
        return view;
    }

    private Instance instance(VirtualMachine vm, List<String> codes, Addresses addresses) {
        InstanceState state = AzureStates.ofStatusCodes(codes);
        Set<InstanceAction> actions = EnumSet.noneOf(InstanceAction.class);
        actions.addAll(AzureStates.MACHINE.actionsIn(state));
        String size = vm.properties() == null || vm.properties().hardwareProfile() == null ? "unknown"
                : vm.properties().hardwareProfile().vmSize();
        String image = null;
        ImageReference reference = vm.properties() == null || vm.properties().storageProfile() == null ? null
                : vm.properties().storageProfile().imageReference();
        if (reference != null && reference.customImageId() != null) {
            image = IdReference.extractName(reference.customImageId());
        } else if (reference != null && reference.publisher() != null) {
            image = new AzureMarketplace.Urn(reference.publisher(), reference.offer(), reference.sku(),
                    reference.version()).id();
        }
        String key = vm.tags() == null ? null : vm.tags().get(KEY_TAG);
        return new Instance(vm.name(), vm.name(), account.settings.subscriptionId(), image, vm.location(),
                new InstanceProfile(size, Map.of()), state, actions, addresses.publicOf(vm), addresses.privateOf(vm),
                key, addresses.firewallsOf(vm),
                List.of(), null);
    }

    @Override
    public Instance createInstance(InstanceSpec spec) {
        return new AzureInstanceCreation(account, this).create(spec);
    }

    @Override
    public Instance start(String instanceId) {
        requireAction(instanceId, InstanceAction.START);
        account.once("StartVirtualMachine", "instance", instanceId, () -> {
            account.api().getVirtualMachineApi(account.group()).start(instanceId);
            return null;
        });
        return instance(instanceId);
    }

    /** Stops and deallocates, so a stopped instance costs no compute (a merely powered-off VM is still billed). */
    @Override
    public Instance stop(String instanceId) {
        requireAction(instanceId, InstanceAction.STOP);
        account.once("DeallocateVirtualMachine", "instance", instanceId, () -> {
            account.api().getVirtualMachineApi(account.group()).deallocate(instanceId);
            return null;
        });
        return instance(instanceId);
    }

    @Override
    public Instance reboot(String instanceId) {
        requireAction(instanceId, InstanceAction.REBOOT);
        account.once("RestartVirtualMachine", "instance", instanceId, () -> {
            account.api().getVirtualMachineApi(account.group()).restart(instanceId);
            return null;
        });
        return instance(instanceId);
    }

    /**
     * Deletes the VM and follows the delete to its end (the VM holds its NIC and OS disk until then, so deleting
     * them sooner fails, and a delete that fails must not pass for done), then deletes what its creation made for
     * it (NIC, public IP, OS disk), each by its derived name.
     */
    @Override
    public void destroy(String instanceId) {
        Instance current = instance(instanceId);
        if (current.state() == InstanceState.SHUTTING_DOWN || current.state() == InstanceState.FINISH) {
            return;
        }
        requireAction(current, InstanceAction.DESTROY);
        String path = groupPath("Microsoft.Compute/virtualMachines") + "/" + instanceId;
        account.awaitOperation("DeleteVirtualMachine", "instance", instanceId, account.idempotent(
                "DeleteVirtualMachine", "instance", instanceId,
                () -> account.arm.start("DELETE", path, COMPUTE_API, null)));
        new AzureInstanceCreation(account, this).deleteParts(instanceId);
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
        return Optional.of(new AzureKeyService(account));
    }

    @Override
    public Optional<StorageVolumeService> storageVolumes() {
        return Optional.of(new AzureVolumeService(account, this));
    }

    @Override
    public Optional<StorageSnapshotService> storageSnapshots() {
        return Optional.of(new AzureSnapshotService(account));
    }

    @Override
    public Optional<AddressService> addresses() {
        return Optional.of(new AzureAddressService(account));
    }

    @Override
    public Optional<FirewallService> firewalls() {
        return Optional.of(new AzureFirewallService(account));
    }

    @Override
    public Optional<BlobStore> blobStore() {
        return Optional.of(new JcloudsBlobStore(account.guard, account.transfers, () -> account.blobs().getBlobStore(),
                JcloudsFailures::translate));
    }

    @Override
    public Optional<DiskTransferService> diskTransfer() {
        return Optional.of(new AzureDiskTransfer(account, this));
    }

    @Override
    public Optional<CapacityService> capacity() {
        return Optional.of(new AzureCapacityService(account));
    }
}
