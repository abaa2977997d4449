package io.skyfed.drivers.google;

import static io.skyfed.drivers.google.GoogleJson.objects;
import static io.skyfed.drivers.google.GoogleJson.text;

import com.google.gson.JsonObject;
import io.skyfed.drivers.jclouds.JcloudsBlobStore;
import io.skyfed.drivers.resilience.ProviderGuard;
import io.skyfed.drivers.spi.BlobStore;
import io.skyfed.drivers.spi.CapacityService;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.FirewallService;
import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceAction;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.KeyService;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.Realm;
import io.skyfed.drivers.spi.StorageSnapshotService;
import io.skyfed.drivers.spi.StorageVolumeService;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.jclouds.googlecloud.domain.ListPage;
import org.jclouds.googlecomputeengine.domain.Firewall;
import org.jclouds.googlecomputeengine.domain.Zone;

/** One Google Cloud project in one region. Every call goes through the account's fault guard. */
final class GoogleSession implements DriverSession {

    /** GCE resource names (RFC 1035 labels). */
    static final String NAME = "[a-z]([-a-z0-9]{0,61}[a-z0-9])?";

    private final GoogleAccount account;

    GoogleSession(GoogleAccount account) {
        this.account = account;
    }

    // ---- realms and profiles ------------------------------------------------------------------------------

    @Override
    public List<Realm> realms() {
        String region = "/regions/" + account.settings.region();
        return account.read("Zones:list", "realm", null, () -> all(account.api().zones().list())).stream()
                .filter(z -> z.region() != null && z.region().endsWith(region))
                .map(z -> new Realm(z.name(), z.name(), z.status() == Zone.Status.UP, null))
                .sorted(Comparator.comparing(Realm::id)).toList();
    }

    @Override
    public Realm realm(String id) {
        return realms().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("realm", id));
    }

    /** The zone creates go to when the caller names none. */
    String defaultZone() {
        return realms().stream().filter(Realm::available).findFirst()
                .orElseThrow(() -> new InvalidStateException("region " + account.settings.region()
                        + " has no zone that is up")).id();
    }

    @Override
    public List<HardwareProfile> hardwareProfiles() {
        String zone = defaultZone();
        return account.read("MachineTypes:list", "hardware_profile", null,
                        () -> all(account.api().machineTypesInZone(zone).list())).stream()
                .filter(t -> t.deprecated() == null)
                .map(GoogleRecords::profile).sorted(Comparator.comparing(HardwareProfile::id)).toList();
    }

    @Override
    public HardwareProfile hardwareProfile(String id) {
        return hardwareProfiles().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("hardware_profile", id));
    }

    // ---- images -------------------------------------------------------------------------------------------

    @Override
    public List<Image> images(ImageFilter filter) {
        List<String> profiles = profileIds();
        List<String> projects = new ArrayList<>();
        projects.add(account.settings.project());
        account.settings.imageProjects().stream().filter(p -> !projects.contains(p)).forEach(projects::add);
        List<Image> images = new ArrayList<>();
        for (String project : projects) {
            URI list = URI.create(account.settings.computeEndpoint() + "/projects/" + project + "/global/images");
            for (JsonObject image : pages("Images:list", "image", list)) {
                if (!image.has("deprecated")) {
                    images.add(GoogleRecords.image(image, project, account.settings.project(), profiles));
                }
            }
        }
        return images.stream().filter(filter::matches).sorted(Comparator.comparing(Image::id)).toList();
    }

    private List<String> profileIds() {
        return hardwareProfiles().stream().map(HardwareProfile::id).toList();
    }

    @Override
    public Image image(String id) {
        String project = id.contains(":") ? id.substring(0, id.indexOf(':')) : account.settings.project();
        String name = id.substring(id.indexOf(':') + 1);
        if (!name.matches(NAME) || !project.matches("[a-z][-a-z0-9]{4,28}[a-z0-9]")) {
            throw new NotFoundException("image", id);
        }
        JsonObject image = account.read("Images:get", "image", id, () -> account.rest.get(imageUri(project, name)));
        return GoogleRecords.image(image, project, account.settings.project(), profileIds());
    }

    URI imageUri(String imageId) {
        return imageId.contains(":")
                ? imageUri(imageId.substring(0, imageId.indexOf(':')), imageId.substring(imageId.indexOf(':') + 1))
                : imageUri(account.settings.project(), imageId);
    }

    private URI imageUri(String project, String name) {
        return URI.create(account.settings.computeEndpoint() + "/projects/" + project + "/global/images/" + name);
    }

    // ---- instances ----------------------------------------------------------------------------------------

    @Override
    public List<Instance> instances() {
        List<Instance> all = new ArrayList<>();
        for (Realm zone : realms()) {
            for (JsonObject i : pages("Instances:list", "instance", zoneUri(zone.id(), "instances"))) {
                all.add(GoogleRecords.instance(i, account.settings.project()));
            }
        }
        all.sort(Comparator.comparing(Instance::id));
        return all;
    }

    @Override
    public Instance instance(String id) {
        return GoogleRecords.instance(find(id).orElseThrow(() -> new NotFoundException("instance", id)),
                account.settings.project());
    }

    /** An instance's JSON, looked for in each zone of the region (ids are names, unique per zone). */
    Optional<JsonObject> find(String id) {
        if (id == null || !id.matches(NAME)) {
            return Optional.empty();
        }
        for (Realm zone : realms()) {
            try {
                return Optional.of(account.read("Instances:get", "instance", id,
                        () -> account.rest.get(zoneUri(zone.id(), "instances/" + id))));
            } catch (NotFoundException elsewhere) {
                // not in this zone
            }
        }
        return Optional.empty();
    }

    URI zoneUri(String zone, String path) {
        return account.settings.resource("zones/" + zone + "/" + path);
    }

    @Override
    public Instance createInstance(InstanceSpec spec) {
        Image image = imageForCreate(spec.imageId());
        String zone = spec.realmId() == null ? defaultZone() : spec.realmId();
        if (realms().stream().noneMatch(r -> r.id().equals(zone))) {
            throw new InvalidArgumentException("realm_id", "realm '" + zone + "' does not exist");
        }
        List<HardwareProfile> profiles = hardwareProfiles();
        String type = spec.hardwareProfileId() != null ? spec.hardwareProfileId()
                : profiles.stream().map(HardwareProfile::id).filter(account.settings.machineType()::equals)
                        .findFirst().orElse(profiles.get(0).id());
        HardwareProfile profile = profiles.stream().filter(p -> p.id().equals(type)).findFirst()
                .orElseThrow(() -> new InvalidArgumentException("hwp_id", "hardware profile '" + type
                        + "' does not exist"));
        spec.profileOverrides().forEach((property, value) -> profile.property(property)
                .filter(p -> p.accepts(value))
                .orElseThrow(() -> new InvalidArgumentException("hwp_" + property, "machine type " + type
                        + " has a fixed " + property + "; " + value + " is not it")));
        String name = spec.name() != null ? spec.name()
                : "skyfed-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        if (!name.matches(NAME)) {
            throw new InvalidArgumentException("name", "an instance name is 1 to 63 lower-case letters, digits "
                    + "and hyphens, starting with a letter");
        }
        String sshKeys = spec.keyName() == null ? null : new GoogleKeyService(account).require(spec.keyName());
        List<String> tags = networkTags(spec.firewallIds());
        JsonObject body = GoogleInstanceBody.of(account.settings, name, zone, type, imageUri(image.id()), image.id(),
                sshKeys, spec.userData(), spec.firewallIds(), tags);
        // requestId makes the insert idempotent: GCE answers a repeated request with the first one's operation.
        URI insert = URI.create(zoneUri(zone, "instances") + "?requestId=" + UUID.randomUUID());
        return account.create("Instances:insert", "instance", name,
                () -> URI.create(text(account.rest.post(insert, body), "selfLink")), () -> instance(name));
    }

    /**
     * The network tags that put an instance under the named GCE firewalls: each firewall's target tags (one with
     * none applies to every instance of its network already).
     */
    private List<String> networkTags(List<String> firewallIds) {
        List<String> tags = new ArrayList<>();
        for (String id : firewallIds) {
            Firewall firewall = id.matches(NAME) ? account.read("Firewalls:get", "firewall", id,
                    () -> account.api().firewalls().get(id)) : null;
            if (firewall == null) {
                throw new InvalidArgumentException("firewalls", "firewall '" + id + "' does not exist");
            }
            firewall.targetTags().stream().filter(t -> !tags.contains(t)).forEach(tags::add);
        }
        return tags;
    }

    private Image imageForCreate(String imageId) {
        try {
            return image(imageId);
        } catch (NotFoundException e) {
            throw new InvalidArgumentException("image_id", "image '" + imageId + "' does not exist");
        }
    }

    @Override
    public Instance start(String instanceId) {
        Instance current = require(instanceId, InstanceAction.START);
        account.act("Instances:start", "instance", instanceId, () -> account.api()
                .instancesInZone(current.realmId()).start(instanceId).selfLink());
        return instance(instanceId);
    }

    @Override
    public Instance stop(String instanceId) {
        Instance current = require(instanceId, InstanceAction.STOP);
        account.act("Instances:stop", "instance", instanceId, () -> account.api()
                .instancesInZone(current.realmId()).stop(instanceId).selfLink());
        return instance(instanceId);
    }

    @Override
    public Instance reboot(String instanceId) {
        Instance current = require(instanceId, InstanceAction.REBOOT);
        account.act("Instances:reset", "instance", instanceId, () -> account.api()
                .instancesInZone(current.realmId()).reset(instanceId).selfLink());
        return instance(instanceId);
    }

    @Override
    public void destroy(String instanceId) {
        Instance current = require(instanceId, InstanceAction.DESTROY);
        account.act("Instances:delete", "instance", instanceId, () -> {
            var op = account.api().instancesInZone(current.realmId()).delete(instanceId);
            return op == null ? null : op.selfLink();
        });
    }

    private Instance require(String instanceId, InstanceAction action) {
        Instance instance = instance(instanceId);
        if (!instance.actions().contains(action)) {
            throw new InvalidStateException("instance " + instanceId + " is " + instance.state().apiName()
                    + ": it cannot " + action.apiName());
        }
        return instance;
    }

    // ---- paging -------------------------------------------------------------------------------------------

    /** Every item of a natively read list, page by page. */
    List<JsonObject> pages(String operation, String kind, URI list) {
        List<JsonObject> items = new ArrayList<>();
        String token = null;
        do {
            URI page = token == null ? list
                    : URI.create(list + "?pageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            JsonObject answer = account.read(operation, kind, null, () -> account.rest.get(page));
            items.addAll(objects(answer, "items"));
            token = text(answer, "nextPageToken");
        } while (token != null);
        return items;
    }

    /** Every item behind one of jclouds' page iterators; called inside a guarded read. */
    static <T> List<T> all(Iterator<ListPage<T>> pages) {
        List<T> items = new ArrayList<>();
        pages.forEachRemaining(items::addAll);
        return items;
    }

    // ---- optional collections -----------------------------------------------------------------------------

    @Override
    public Optional<KeyService> keys() {
        return Optional.of(new GoogleKeyService(account));
    }

    @Override
    public Optional<StorageVolumeService> storageVolumes() {
        return Optional.of(new GoogleVolumeService(account, this));
    }

    @Override
    public Optional<StorageSnapshotService> storageSnapshots() {
        return Optional.of(new GoogleSnapshotService(account, this));
    }

    @Override
    public Optional<BlobStore> blobStore() {
        return blobStore(account.guard);
    }

    private Optional<BlobStore> blobStore(ProviderGuard guard) {
        Function<RuntimeException, RuntimeException> translate =
                e -> GoogleFailures.translate(account.settings.tokenEndpoint(), e);
        return Optional.of(new JcloudsBlobStore(guard, account.transfers, () -> account.storage().getBlobStore(), translate));
    }

    @Override
    public Optional<FirewallService> firewalls() {
        return Optional.of(new GoogleFirewallService(account, this));
    }

    @Override
    public Optional<DiskTransferService> diskTransfer() {
        return Optional.of(new GoogleDiskTransfer(account, this, blobStore(account.guard).orElseThrow(),
                blobStore(account.transfers).orElseThrow()));
    }

    @Override
    public Optional<CapacityService> capacity() {
        return Optional.of(new GoogleCapacityService(account));
    }
}
