package io.skyfed.drivers.rhevm;

import static io.skyfed.drivers.rhevm.OvirtJson.items;
import static io.skyfed.drivers.rhevm.OvirtJson.link;
import static io.skyfed.drivers.rhevm.OvirtJson.ref;
import static io.skyfed.drivers.rhevm.OvirtJson.required;
import static io.skyfed.drivers.rhevm.OvirtJson.text;

import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.CapacityService;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.HardwareProfile;
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
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import io.skyfed.drivers.spi.Realm;
import io.skyfed.drivers.spi.StorageSnapshotService;
import io.skyfed.drivers.spi.StorageVolumeService;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/** One oVirt engine account: clusters as realms, templates as images, VMs as instances. */
final class RhevmSession implements DriverSession {

    /** The engine's built-in empty template, which has no disk and boots nothing. */
    static final String BLANK_TEMPLATE = "00000000-0000-0000-0000-000000000000";
    static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    /** VM names the engine accepts (letters, digits, '-', '_', '.'), kept short enough for guest host names. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final RhevmAccount account;

    RhevmSession(RhevmAccount account) {
        this.account = account;
    }

    // ---- realms, profiles, images -------------------------------------------------------------------------

    @Override
    public List<Realm> realms() {
        List<JsonObject> dataCenters = items(account.get("list data centers", "realm", null, "/datacenters"),
                "data_center");
        return clusters().stream().map(c -> {
            String dc = ref(c, "data_center");
            boolean up = dataCenters.stream().anyMatch(d -> required(d, "id").equals(dc)
                    && "up".equals(text(d, "status")));
            return new Realm(required(c, "id"), required(c, "name"), up, null);
        }).sorted(Comparator.comparing(Realm::id)).toList();
    }

    List<JsonObject> clusters() {
        return items(account.get("list clusters", "realm", null, "/clusters"), "cluster");
    }

    @Override
    public Realm realm(String id) {
        return realms().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("realm", id));
    }

    @Override
    public List<HardwareProfile> hardwareProfiles() {
        List<JsonObject> types = items(account.get("list instance types", "hardware_profile", null,
                "/instancetypes"), "instance_type");
        List<JsonObject> hosts = OvirtPages.all(account, "list hosts", "host", "/hosts", "host", null);
        long cpus = hosts.stream().mapToLong(OvirtJson::cpus).max().orElse(1);
        long memory = hosts.stream().mapToLong(h -> OvirtJson.number(h, "memory", 0)).max().orElse(0);
        return RhevmProfiles.of(types, cpus, RhevmProfiles.megabytes(memory));
    }

    @Override
    public HardwareProfile hardwareProfile(String id) {
        return hardwareProfiles().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("hardware_profile", id));
    }

    @Override
    public List<Image> images(ImageFilter filter) {
        List<String> profiles = hardwareProfiles().stream().map(HardwareProfile::id).toList();
        return OvirtPages.all(account, "list templates", "image", "/templates", "template", null).stream()
                .filter(t -> !BLANK_TEMPLATE.equals(text(t, "id")))
                .map(t -> image(t, profiles)).filter(filter::matches)
                .sorted(Comparator.comparing(Image::id)).toList();
    }

    @Override
    public Image image(String id) {
        if (!ID.matcher(id).matches() || BLANK_TEMPLATE.equals(id)) {
            throw new NotFoundException("image", id);
        }
        JsonObject template = account.getById("get template", "image", id, "/templates/" + id);
        return image(template, hardwareProfiles().stream().map(HardwareProfile::id).toList());
    }

    private Image image(JsonObject t, List<String> profiles) {
        String status = text(t, "status");
        String state = switch (status == null ? "ok" : status) {
            case "ok" -> "AVAILABLE";
            case "locked" -> "PENDING";
            default -> "ERROR";
        };
        String architecture = Optional.ofNullable(text(OvirtJson.object(t, "cpu"), "architecture"))
                .orElse("x86_64");
        // oVirt templates have no owner; as Deltacloud's rhevm driver did, they belong to the account's user.
        return new Image(required(t, "id"), required(t, "name"), text(t, "description"), account.credentials.user(),
                architecture, state, profiles, OvirtJson.time(t, "creation_time"));
    }

    // ---- instances ----------------------------------------------------------------------------------------

    /** The VMs, page by page ({@link OvirtPages}). */
    @Override
    public List<Instance> instances() {
        return OvirtPages.all(account, "list vms", "instance", "/vms", "vm", null).stream().map(this::instance)
                .sorted(Comparator.comparing(Instance::id)).toList();
    }

    @Override
    public Instance instance(String id) {
        return instance(vm(id));
    }

    JsonObject vm(String id) {
        if (!ID.matcher(id).matches()) {
            throw new NotFoundException("instance", id);
        }
        return account.getById("get vm", "instance", id, "/vms/" + id);
    }

    private Instance instance(JsonObject vm) {
        InstanceState state = RhevmStates.of(text(vm, "status"));
        String type = ref(vm, "instance_type");
        InstanceProfile profile = type != null ? new InstanceProfile(type, Map.of())
                : new InstanceProfile(RhevmProfiles.CUSTOM, Map.of("cpu", Long.toString(OvirtJson.cpus(vm)),
                        "memory", Long.toString(RhevmProfiles.megabytes(OvirtJson.number(vm, "memory", 0)))));
        String fqdn = text(vm, "fqdn");
        List<InstanceAddress> addresses = fqdn == null || fqdn.isBlank() ? List.of()
                : List.of(new InstanceAddress(fqdn, InstanceAddress.Type.HOSTNAME));
        return new Instance(required(vm, "id"), required(vm, "name"), account.credentials.user(),
                ref(vm, "template"), ref(vm, "cluster"), profile, state, RhevmStates.MACHINE.actionsIn(state),
                List.of(), addresses, null, List.of(), List.of(),
                Optional.ofNullable(OvirtJson.time(vm, "start_time")).orElse(OvirtJson.time(vm, "creation_time")));
    }

    @Override
    public Instance createInstance(InstanceSpec spec) {
        JsonObject template;
        try {
            if (!ID.matcher(spec.imageId()).matches() || BLANK_TEMPLATE.equals(spec.imageId())) {
                throw new NotFoundException("image", spec.imageId());
            }
            template = account.getById("get template", "image", spec.imageId(), "/templates/" + spec.imageId());
        } catch (NotFoundException e) {
            throw new InvalidArgumentException("image_id", "image '" + spec.imageId() + "' does not exist");
        }
        List<JsonObject> clusters = clusters();
        String cluster = spec.realmId() != null ? spec.realmId()
                : Optional.ofNullable(ref(template, "cluster")).filter(c -> clusters.stream()
                        .anyMatch(k -> c.equals(text(k, "id"))))
                .orElseGet(() -> clusters.stream().map(k -> required(k, "id")).sorted().findFirst()
                        .orElseThrow(() -> new InvalidArgumentException("realm_id", "the engine has no cluster")));
        if (clusters.stream().noneMatch(k -> cluster.equals(text(k, "id")))) {
            throw new InvalidArgumentException("realm_id", "realm '" + cluster + "' does not exist");
        }
        String profileId = spec.hardwareProfileId() != null ? spec.hardwareProfileId() : RhevmProfiles.CUSTOM;
        HardwareProfile profile = hardwareProfiles().stream().filter(p -> p.id().equals(profileId)).findFirst()
                .orElseThrow(() -> new InvalidArgumentException("hwp_id", "hardware profile '" + profileId
                        + "' does not exist"));
        spec.profileOverrides().forEach((property, value) -> profile.property(property).filter(p -> p.accepts(value))
                .orElseThrow(() -> new InvalidArgumentException("hwp_" + property, "hardware profile " + profileId
                        + " does not allow " + property + "=" + value)));
        if (spec.keyName() != null) {
            throw new InvalidArgumentException("keyname", "the rhevm driver has no key pairs");
        }
        if (!spec.firewallIds().isEmpty()) {
            throw new InvalidArgumentException("firewalls", "the rhevm driver does not manage firewalls");
        }
        String name = spec.name() != null ? spec.name() : temporaryName("skyfed");
        if (!NAME.matcher(name).matches()) {
            throw new InvalidArgumentException("name", "a VM name is 1 to 64 letters, digits, '-', '_' or '.'");
        }
        if (findVmByName(name).isPresent()) {
            throw new InvalidArgumentException("name", "a VM named '" + name + "' exists already");
        }

        JsonObject vm = new JsonObject();
        vm.addProperty("name", name);
        vm.add("cluster", link(cluster));
        vm.add("template", link(spec.imageId()));
        if (!profileId.equals(RhevmProfiles.CUSTOM)) {
            vm.add("instance_type", link(profileId));
        } else {
            String cpu = spec.profileOverrides().get("cpu");
            String memory = spec.profileOverrides().get("memory");
            if (cpu != null) {
                JsonObject topology = new JsonObject();
                topology.addProperty("sockets", (long) Double.parseDouble(cpu));
                topology.addProperty("cores", 1);
                topology.addProperty("threads", 1);
                JsonObject c = new JsonObject();
                c.add("topology", topology);
                vm.add("cpu", c);
            }
            if (memory != null) {
                vm.addProperty("memory", RhevmProfiles.bytes((long) Double.parseDouble(memory)));
            }
        }
        byte[] userData = spec.userData();
        if (userData != null) {
            JsonObject initialization = new JsonObject();
            initialization.addProperty("custom_script", new String(userData, StandardCharsets.UTF_8));
            vm.add("initialization", initialization);
        }
        String id = createOnce("vm", name, c -> vmByName(c, name), "/vms", vm);
        try {
            // The engine clones the template's disks first (image_locked); the VM can boot once it is down.
            account.await("finish cloning its disks", "instance", id, "/vms/" + id,
                    v -> !"image_locked".equals(text(v, "status")));
            JsonObject start = new JsonObject();
            if (userData != null) {
                start.addProperty("use_cloud_init", true);
            }
            account.write("start vm", "instance", id, c -> c.post("/vms/" + id + "/start", start));
        } catch (RuntimeException bootFailed) {
            // A VM that never booted is not what the caller asked for; leaving it would leak it.
            try {
                destroy(id);
            } catch (RuntimeException cleanupFailed) {
                bootFailed.addSuppressed(cleanupFailed);
            }
            throw bootFailed;
        }
        return instance(id);
    }

    Optional<String> findVmByName(String name) {
        return account.read("find vm by name", "instance", name, c -> vmByName(c, name));
    }

    static Optional<String> vmByName(OvirtClient client, String name) throws IOException, InterruptedException {
        return byName(client, "/vms", "vm", name);
    }

    /** The id of the object of a collection with exactly this name, found with the engine's search. */
    static Optional<String> byName(OvirtClient client, String collection, String type, String name)
            throws IOException, InterruptedException {
        String search = URLEncoder.encode("name=" + name, StandardCharsets.UTF_8);
        return items(client.get(collection + "?search=" + search), type).stream()
                .filter(o -> name.equals(text(o, "name"))).map(o -> required(o, "id")).findFirst();
    }

    /**
     * Creates an object whose name the driver made sure is unused. The engine takes no idempotency token, so the
     * name stands in for one: every attempt after the first looks the name up before posting again, so an answer
     * lost to a reset or a timeout never leads to a second object, while 5xx, 429 and resets are still retried
     * under the guard with its backoff and the engine's Retry-After.
     */
    String createOnce(String kind, String name, RhevmAccount.EngineCall<Optional<String>> lookUp, String path,
                      JsonObject body) {
        AtomicBoolean attempted = new AtomicBoolean();
        try {
            return account.read("create " + kind, kind, name, c -> {
                if (attempted.getAndSet(true)) {
                    Optional<String> existing = lookUp.call(c);
                    if (existing.isPresent()) {
                        return existing.get();
                    }
                }
                return required(c.post(path, body), "id");
            });
        } catch (ProviderUnavailableException e) {
            // The last attempt may have been carried out although its answer was lost.
            Optional<String> existing;
            try {
                existing = account.read("find " + kind + " by name", kind, name, lookUp);
            } catch (RuntimeException lookUpFailed) {
                e.addSuppressed(lookUpFailed);
                throw e;
            }
            return existing.orElseThrow(() -> e);
        }
    }

    @Override
    public Instance start(String instanceId) {
        return act(instanceId, InstanceAction.START, "start");
    }

    @Override
    public Instance stop(String instanceId) {
        // A guest shutdown (ACPI), as Deltacloud's stop means; destroy powers off.
        return act(instanceId, InstanceAction.STOP, "shutdown");
    }

    @Override
    public Instance reboot(String instanceId) {
        return act(instanceId, InstanceAction.REBOOT, "reboot");
    }

    private Instance act(String instanceId, InstanceAction action, String engineAction) {
        Instance instance = instance(instanceId);
        if (!instance.actions().contains(action)) {
            throw new InvalidStateException("instance " + instanceId + " is " + instance.state().apiName()
                    + ": it cannot " + action.apiName());
        }
        account.write(engineAction + " vm", "instance", instanceId,
                c -> c.post("/vms/" + instanceId + "/" + engineAction, new JsonObject()));
        return instance(instanceId);
    }

    @Override
    public void destroy(String instanceId) {
        JsonObject vm = vm(instanceId);
        String path = "/vms/" + instanceId;
        if ("image_locked".equals(text(vm, "status"))) {
            vm = account.await("finish cloning its disks", "instance", instanceId, path,
                    v -> !"image_locked".equals(text(v, "status")));
        }
        if (!"down".equals(text(vm, "status"))) {
            // Powering off twice changes nothing, so it may be retried.
            try {
                account.read("power off vm", "instance", instanceId, c -> c.post(path + "/stop", new JsonObject()));
            } catch (InvalidStateException alreadyDown) {
                // The VM went down between the read and the request.
            }
            account.await("power off", "instance", instanceId, path, v -> "down".equals(text(v, "status")));
        }
        try {
            account.read("remove vm", "instance", instanceId, c -> {
                c.delete(path);
                return null;
            });
        } catch (NotFoundException gone) {
            // A retried removal finds the VM already gone.
        }
    }

    // ---- optional services --------------------------------------------------------------------------------

    @Override
    public Optional<StorageVolumeService> storageVolumes() {
        return Optional.of(new RhevmVolumeService(account, this));
    }

    @Override
    public Optional<StorageSnapshotService> storageSnapshots() {
        return Optional.of(new RhevmSnapshotService(account, this));
    }

    @Override
    public Optional<CapacityService> capacity() {
        return Optional.of(new RhevmCapacity(account));
    }

    @Override
    public Optional<DiskTransferService> diskTransfer() {
        return Optional.of(new RhevmDiskTransfer(account, this));
    }

    /** A fresh name for an object the driver makes for itself (a VM that becomes a template). */
    static String temporaryName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
