package io.skyfed.drivers.vsphere;

import static io.skyfed.drivers.vsphere.VsphereJson.array;
import static io.skyfed.drivers.vsphere.VsphereJson.number;
import static io.skyfed.drivers.vsphere.VsphereJson.object;
import static io.skyfed.drivers.vsphere.VsphereJson.optionalString;
import static io.skyfed.drivers.vsphere.VsphereJson.query;
import static io.skyfed.drivers.vsphere.VsphereJson.string;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.CapacityService;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.HardwareProperty;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.ImageService;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceAction;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import io.skyfed.drivers.spi.Realm;
import io.skyfed.drivers.spi.StorageSnapshotService;
import io.skyfed.drivers.spi.StorageVolumeService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One vCenter account through the vSphere Automation REST API: datacenters are realms, VM templates in content
 * libraries are images, VMs are instances (deployed from a template, with the profile's size as hardware
 * customization).
 */
final class VsphereSession implements DriverSession {

    /** Managed object ids (vm-42, datacenter-3) and library item UUIDs. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    /** vCenter names may not contain '/', '\' or '%' (escaped in inventory paths); at most 80 characters. */
    private static final Pattern NAME = Pattern.compile("[^/\\\\%]{1,80}");
    private static final int CREATE_ATTEMPTS = 3;
    private static final String VM_TEMPLATE = "vm-template";
    private static final String OVF = "ovf";
    /** The library item types instances deploy from: VM templates, and OVF templates (imported disks). */
    private static final List<String> IMAGE_TYPES = List.of(VM_TEMPLATE, OVF);

    private final VsphereAccount account;

    VsphereSession(VsphereAccount account) {
        this.account = account;
    }

    // ---- realms, profiles, images -------------------------------------------------------------------------

    @Override
    public List<Realm> realms() {
        List<Realm> realms = new ArrayList<>();
        for (JsonElement dc : array(account.get("list datacenters", "realm", null, "/api/vcenter/datacenter"))) {
            String id = string(dc, "datacenter");
            boolean hostUp = !array(account.get("list connected hosts", "realm", id, "/api/vcenter/host?datacenters="
                    + query(id) + "&connection_states=CONNECTED")).isEmpty();
            realms.add(new Realm(id, string(dc, "name"), hostUp, null));
        }
        realms.sort(Comparator.comparing(Realm::id));
        return realms;
    }

    @Override
    public Realm realm(String id) {
        return realms().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("realm", id));
    }

    List<String> datacenterIds() {
        return array(account.get("list datacenters", "realm", null, "/api/vcenter/datacenter")).asList().stream()
                .map(dc -> string(dc, "datacenter")).sorted().toList();
    }

    @Override
    public List<HardwareProfile> hardwareProfiles() {
        return VsphereProfiles.all(account.settings);
    }

    @Override
    public HardwareProfile hardwareProfile(String id) {
        return hardwareProfiles().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("hardware_profile", id));
    }

    @Override
    public List<Image> images(ImageFilter filter) {
        List<Image> images = new ArrayList<>();
        for (String type : IMAGE_TYPES) {
            JsonObject find = new JsonObject();
            find.addProperty("type", type);
            account.settings.library().ifPresent(library -> find.addProperty("library_id", library));
            for (JsonElement id : array(account.read("find " + type + " items", "image", null, "POST",
                    "/api/content/library/item?action=find", find))) {
                try {
                    images.add(image(id.getAsString()));
                } catch (NotFoundException deletedMeanwhile) {
                    // Removed between the search and the read (or a temporary export): not an image.
                }
            }
        }
        return images.stream().filter(filter::matches).sorted(Comparator.comparing(Image::id)).toList();
    }

    @Override
    public Image image(String id) {
        return template(id).image();
    }

    /** An image and the kind of library item behind it, which decides how instances are deployed from it. */
    private record Template(Image image, String type) {
    }

    private Template template(String id) {
        if (!ID.matcher(id).matches()) {
            throw new NotFoundException("image", id);
        }
        JsonObject item = object(account.get("get library item", "image", id, "/api/content/library/item/" + id));
        String type = string(item, "type");
        boolean inLibrary = account.settings.library().map(l -> l.equals(string(item, "library_id"))).orElse(true);
        if (!IMAGE_TYPES.contains(type) || !inLibrary
                || string(item, "name").startsWith(VsphereDiskTransfer.EXPORT_PREFIX)) {
            throw new NotFoundException("image", id);
        }
        // OVF templates say nothing of their guest's architecture before a deploy; VM templates name the guest.
        String architecture = OVF.equals(type) ? "x86_64" : architecture(string(object(account.get(
                "get VM template", "image", id, "/api/vcenter/vm-template/library-items/" + id)), "guest_OS"));
        String created = optionalString(item, "creation_time");
        return new Template(new Image(id, string(item, "name"), optionalString(item, "description"),
                string(item, "library_id"), architecture, "AVAILABLE",
                hardwareProfiles().stream().map(HardwareProfile::id).toList(),
                created == null ? null : Instant.parse(created)), type);
    }

    /** vSphere names guests, not architectures: its 64-bit ARM guest ids end in ARM_64. */
    private static String architecture(String guestOs) {
        return guestOs.endsWith("ARM_64") ? "aarch64" : "x86_64";
    }

    // ---- instances ----------------------------------------------------------------------------------------

    /** Every VM, read host by host ({@link VsphereVmListing}): vCenter's VM list has a cap and no paging. */
    @Override
    public List<Instance> instances() {
        List<Instance> instances = new ArrayList<>();
        for (String dc : datacenterIds()) {
            VsphereVmListing.vms(account, dc, "instance").forEach(vm -> instances.add(instance(vm, dc, null)));
        }
        instances.sort(Comparator.comparing(Instance::id));
        return instances;
    }

    @Override
    public Instance instance(String id) {
        if (!ID.matcher(id).matches()) {
            throw new NotFoundException("instance", id);
        }
        for (String dc : datacenterIds()) {
            JsonArray found = array(account.get("find VM", "instance", id, "/api/vcenter/vm?vms=" + query(id)
                    + "&datacenters=" + query(dc)));
            if (!found.isEmpty()) {
                return instance(found.get(0).getAsJsonObject(), dc, null);
            }
        }
        throw new NotFoundException("instance", id);
    }

    /** An instance from a VM summary (vm, name, power_state, cpu_count, memory_size_MiB). */
    private Instance instance(JsonObject vm, String realm, String imageId) {
        InstanceState state = VsphereStates.of(string(vm, "power_state"));
        long cpus = number(vm, "cpu_count");
        long memory = number(vm, "memory_size_MiB");
        Set<InstanceAction> actions = EnumSet.noneOf(InstanceAction.class);
        actions.addAll(VsphereStates.MACHINE.actionsIn(state));
        if (account.settings.library().isPresent()) {
            actions.add(InstanceAction.CREATE_IMAGE);
        }
        return new Instance(string(vm, "vm"), string(vm, "name"), account.providerId, imageId, realm,
                VsphereProfiles.of(cpus, memory, account.settings), state, actions,
                List.of(), List.of(), null, List.of(), List.of(), null);
    }

    @Override
    public Instance createInstance(InstanceSpec spec) {
        Template template;
        try {
            template = template(spec.imageId());
        } catch (NotFoundException e) {
            throw new InvalidArgumentException("image_id", "image '" + spec.imageId() + "' does not exist");
        }
        Map<String, String> size = chooseSize(spec);
        if (spec.keyName() != null || spec.userData() != null || !spec.firewallIds().isEmpty()) {
            throw new InvalidArgumentException(spec.keyName() != null ? "keyname"
                    : spec.userData() != null ? "user_data" : "firewalls",
                    "the vsphere driver takes no keys, user data or firewalls at creation");
        }
        List<String> datacenters = datacenterIds();
        String realm = spec.realmId() != null ? spec.realmId() : datacenters.stream().findFirst().orElseThrow(
                () -> new InvalidArgumentException("realm_id", "vCenter has no datacenter"));
        if (!datacenters.contains(realm)) {
            throw new InvalidArgumentException("realm_id", "realm '" + realm + "' does not exist");
        }
        String name = spec.name() != null ? spec.name() : "skyfed-" + UUID.randomUUID().toString().substring(0, 8);
        if (!NAME.matcher(name).matches()) {
            throw new InvalidArgumentException("name", "a VM name is 1 to 80 characters without '/', '\\' or '%'");
        }
        if (findByName(name).isPresent()) {
            throw new InvalidArgumentException("name", "a VM named '" + name + "' exists in this vCenter");
        }
        Image image = template.image();
        JsonObject placement = placement(realm);
        String vm = OVF.equals(template.type()) ? deployOvf(image.id(), name, placement, size)
                : deployOnce(image.id(), name, templateDeploy(name, placement, size));
        Instance created = instance(vm);
        return new Instance(created.id(), created.name(), created.ownerId(), image.id(), created.realmId(),
                created.profile(), created.state(), created.actions(), created.publicAddresses(),
                created.privateAddresses(), null, List.of(), List.of(), Instant.now());
    }

    /** A VM template deploy: size through hardware customization, powered on by vCenter. */
    private static JsonObject templateDeploy(String name, JsonObject placement, Map<String, String> size) {
        JsonObject deploy = new JsonObject();
        deploy.addProperty("name", name);
        deploy.add("placement", placement);
        deploy.addProperty("powered_on", true);
        if (!size.isEmpty()) {
            JsonObject cpu = new JsonObject();
            cpu.addProperty("num_cpus", Long.parseLong(size.get(HardwareProperty.CPU)));
            JsonObject memory = new JsonObject();
            memory.addProperty("memory", Long.parseLong(size.get(HardwareProperty.MEMORY)));
            JsonObject hardware = new JsonObject();
            hardware.add("cpu_update", cpu);
            hardware.add("memory_update", memory);
            deploy.add("hardware_customization", hardware);
        }
        return deploy;
    }

    /**
     * An OVF template deploy carries a {@code Client-Token}, so a retry returns the first deploy's VM. OVF deploys
     * take no size and leave the VM off: the size is set on the VM's CPU and memory, then it is powered on. A VM
     * that cannot be completed is deleted again.
     */
    private String deployOvf(String item, String name, JsonObject placement, Map<String, String> size) {
        JsonObject target = new JsonObject();
        target.addProperty("resource_pool_id", placement.get("resource_pool").getAsString());
        target.addProperty("folder_id", placement.get("folder").getAsString());
        JsonObject deployment = new JsonObject();
        deployment.addProperty("name", name);
        deployment.addProperty("accept_all_EULA", true);
        JsonObject deploy = new JsonObject();
        deploy.add("target", target);
        deploy.add("deployment_spec", deployment);
        JsonObject result = object(account.read("deploy OVF template", "image", item, "POST",
                "/api/vcenter/ovf/library-item/" + item + "?action=deploy", deploy, UUID.randomUUID().toString()));
        if (!result.has("succeeded") || !result.get("succeeded").getAsBoolean()) {
            throw new InvalidArgumentException("image_id", "vCenter could not deploy OVF template " + item + ": "
                    + result.get("error"));
        }
        String vm = string(result.get("resource_id"), "id");
        try {
            if (!size.isEmpty()) {
                JsonObject cpu = new JsonObject();
                cpu.addProperty("count", Long.parseLong(size.get(HardwareProperty.CPU)));
                account.read("size VM CPUs", "instance", vm, "PATCH", "/api/vcenter/vm/" + vm + "/hardware/cpu", cpu);
                JsonObject memory = new JsonObject();
                memory.addProperty("size_MiB", Long.parseLong(size.get(HardwareProperty.MEMORY)));
                account.read("size VM memory", "instance", vm, "PATCH", "/api/vcenter/vm/" + vm + "/hardware/memory",
                        memory);
            }
            account.write("power start VM", "instance", vm, "POST", "/api/vcenter/vm/" + vm + "/power?action=start",
                    null);
            return vm;
        } catch (RuntimeException e) {
            try {
                account.read("delete incomplete VM", "instance", vm, "DELETE", "/api/vcenter/vm/" + vm, null);
            } catch (RuntimeException cleanupFailed) {
                e.addSuppressed(cleanupFailed);
            }
            throw e;
        }
    }

    /**
     * The size to deploy with: the profile's fixed values or the chosen ones within its ranges; empty when no
     * profile was asked for (the VM keeps its template's size).
     */
    private Map<String, String> chooseSize(InstanceSpec spec) {
        if (spec.hardwareProfileId() == null) {
            if (!spec.profileOverrides().isEmpty()) {
                throw new InvalidArgumentException("hwp_id", "choose a hardware profile to override its values");
            }
            return Map.of();
        }
        HardwareProfile profile = hardwareProfiles().stream().filter(p -> p.id().equals(spec.hardwareProfileId()))
                .findFirst().orElseThrow(() -> new InvalidArgumentException("hwp_id", "hardware profile '"
                        + spec.hardwareProfileId() + "' does not exist"));
        Map<String, String> chosen = new LinkedHashMap<>();
        for (HardwareProperty property : profile.properties()) {
            String value = spec.profileOverrides().getOrDefault(property.name(), property.value());
            if (!property.accepts(value) || !value.matches("\\d+")) {
                throw new InvalidArgumentException(property.parameterName(), property.name() + " " + value
                        + " is outside hardware profile " + profile.id());
            }
            chosen.put(property.name(), value);
        }
        for (String name : spec.profileOverrides().keySet()) {
            if (profile.property(name).isEmpty()) {
                throw new InvalidArgumentException("hwp_" + name, "hardware profile " + profile.id() + " has no "
                        + name);
            }
        }
        return chosen;
    }

    /** The configured folder and resource pool, else the datacenter's VM folder and its root resource pool. */
    private JsonObject placement(String realm) {
        String folder = account.settings.folder().orElseGet(() -> string(account.get("get datacenter", "realm",
                realm, "/api/vcenter/datacenter/" + realm), "vm_folder"));
        String pool = account.settings.resourcePool().orElseGet(() -> {
            List<JsonElement> pools = array(account.get("list resource pools", "realm", realm,
                    "/api/vcenter/resource-pool?datacenters=" + query(realm))).asList();
            return pools.stream().filter(p -> "Resources".equals(string(p, "name"))).findFirst()
                    .or(() -> pools.stream().findFirst()).map(p -> string(p, "resource_pool"))
                    .orElseThrow(() -> new InvalidArgumentException("realm_id", "datacenter " + realm
                            + " has no resource pool to run a VM in"));
        });
        JsonObject placement = new JsonObject();
        placement.addProperty("folder", folder);
        placement.addProperty("resource_pool", pool);
        return placement;
    }

    /**
     * A deploy carries no idempotency token, but vCenter keeps VM names unique in a folder: when an attempt fails
     * without an answer, the VM is looked up by its name before the deploy is tried again, so a lost answer never
     * leads to a second VM (and a second deploy racing the first is refused by vCenter as ALREADY_EXISTS).
     */
    private String deployOnce(String template, String name, JsonObject deploy) {
        ProviderUnavailableException last = null;
        for (int attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
            Optional<String> existing = attempt == 0 ? Optional.empty() : findByName(name);
            if (existing.isPresent()) {
                return existing.get();
            }
            try {
                return account.write("deploy VM template", "image", template, "POST",
                        "/api/vcenter/vm-template/library-items/" + template + "?action=deploy", deploy).getAsString();
            } catch (ProviderUnavailableException e) {
                last = e;
            } catch (InvalidArgumentException e) {
                Optional<String> raced = attempt == 0 ? Optional.empty() : findByName(name);
                if (raced.isPresent()) {
                    return raced.get();
                }
                throw e;
            }
        }
        Optional<String> existing = findByName(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        throw last;
    }

    private Optional<String> findByName(String name) {
        return array(account.get("find VM by name", "instance", name, "/api/vcenter/vm?names=" + query(name)))
                .asList().stream().map(vm -> string(vm, "vm")).findFirst();
    }

    @Override
    public Instance start(String instanceId) {
        return power(instanceId, InstanceAction.START, "start");
    }

    @Override
    public Instance stop(String instanceId) {
        return power(instanceId, InstanceAction.STOP, "stop");
    }

    @Override
    public Instance reboot(String instanceId) {
        return power(instanceId, InstanceAction.REBOOT, "reset");
    }

    private Instance power(String instanceId, InstanceAction action, String vsphereAction) {
        requireAction(instanceId, action);
        account.write("power " + vsphereAction + " VM", "instance", instanceId, "POST",
                "/api/vcenter/vm/" + instanceId + "/power?action=" + vsphereAction, null);
        return instance(instanceId);
    }

    @Override
    public void destroy(String instanceId) {
        Instance instance = requireAction(instanceId, InstanceAction.DESTROY);
        if (instance.state() == InstanceState.RUNNING) {
            try {
                // Repeating a power-off changes nothing; vCenter says so with ALREADY_IN_DESIRED_STATE.
                account.read("power off VM", "instance", instanceId, "POST",
                        "/api/vcenter/vm/" + instanceId + "/power?action=stop", null);
            } catch (InvalidStateException alreadyOff) {
                // Off already: what destroy needs.
            }
        }
        try {
            account.read("delete VM", "instance", instanceId, "DELETE", "/api/vcenter/vm/" + instanceId, null);
        } catch (NotFoundException alreadyGone) {
            // A retried delete whose first answer was lost: the VM is gone, as asked.
        }
    }

    private Instance requireAction(String instanceId, InstanceAction action) {
        Instance instance = instance(instanceId);
        if (!instance.actions().contains(action)) {
            throw new InvalidStateException("instance " + instanceId + " is " + instance.state().apiName()
                    + ": it cannot " + action.apiName());
        }
        return instance;
    }

    // ---- optional services --------------------------------------------------------------------------------

    @Override
    public Optional<CapacityService> capacity() {
        return Optional.of(new VsphereCapacity(account, this::datacenterIds));
    }

    /** Offered when the provider names a content library, where captured templates go. */
    @Override
    public Optional<ImageService> imageService() {
        return account.settings.library().map(library -> new VsphereImageService(account, this, library));
    }

    /** First Class Disks need the VI JSON API: offered only with {@code vi-json-release} set. */
    @Override
    public Optional<StorageVolumeService> storageVolumes() {
        return account.settings.viJsonRelease().map(release -> new VsphereVolumeService(account, this));
    }

    @Override
    public Optional<StorageSnapshotService> storageSnapshots() {
        return account.settings.viJsonRelease().map(release -> new VsphereSnapshotService(account,
                new VsphereVolumeService(account, this)));
    }

    @Override
    public Optional<DiskTransferService> diskTransfer() {
        return Optional.of(new VsphereDiskTransfer(account, this));
    }
}
