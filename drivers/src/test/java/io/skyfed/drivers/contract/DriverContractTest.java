package io.skyfed.drivers.contract;

import io.skyfed.drivers.spi.AuthenticationFailedException;
import io.skyfed.drivers.spi.Blob;
import io.skyfed.drivers.spi.BlobStore;
import io.skyfed.drivers.spi.Bucket;
import io.skyfed.drivers.spi.CapacityFigure;
import io.skyfed.drivers.spi.CollectionKind;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverFactory;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Feature;
import io.skyfed.drivers.spi.Firewall;
import io.skyfed.drivers.spi.FirewallRuleSpec;
import io.skyfed.drivers.spi.FirewallService;
import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.HardwareProperty;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceAction;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InstanceStateMachine;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.KeyPair;
import io.skyfed.drivers.spi.KeyService;
import io.skyfed.drivers.spi.Listener;
import io.skyfed.drivers.spi.LoadBalancer;
import io.skyfed.drivers.spi.LoadBalancerService;
import io.skyfed.drivers.spi.LoadBalancerSpec;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.ProviderSettings;
import io.skyfed.drivers.spi.StorageVolume;
import io.skyfed.drivers.spi.StorageVolumeService;
import io.skyfed.drivers.spi.StorageVolumeSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The behaviour every driver owes the broker, run unchanged against each one: subclass it, say how to reach a
 * provider (the mock, a WireMock stub, a libvirt test:// URI) and every test applies. Tests of optional
 * collections are skipped for drivers that do not declare them; tests that create things clean up after
 * themselves.
 */
public abstract class DriverContractTest {

    private static final Set<CollectionKind> CORE = EnumSet.of(CollectionKind.REALMS,
            CollectionKind.HARDWARE_PROFILES, CollectionKind.IMAGES, CollectionKind.INSTANCES);

    protected DriverSession session;

    /** The factory under test (a fresh one per test, or a shared one: either works). */
    protected abstract DriverFactory factory();

    /** Credentials the provider accepts. */
    protected abstract Credentials credentials();

    protected abstract ProviderSettings settings();

    /** Credentials the provider refuses. */
    protected Credentials wrongCredentials() {
        return new Credentials(credentials().user(), credentials().secret() + "-wrong");
    }

    /** How long a state change may take before the test fails. */
    protected Duration transitionTimeout() {
        return Duration.ofSeconds(30);
    }

    /** The image instance tests boot. */
    protected String imageForTests() {
        return session.images(ImageFilter.ALL).get(0).id();
    }

    @BeforeEach
    void openSession() {
        session = factory().connect(credentials(), settings());
    }

    @AfterEach
    void closeSession() {
        session.close();
    }

    // ---- description -------------------------------------------------------------------------------------

    @Test
    void describesItselfWithoutCredentials() {
        DriverFactory factory = factory();
        assertThat(factory.id()).matches("[a-z][a-z0-9_-]*");
        assertThat(factory.displayName()).isNotBlank();
        assertThat(factory.collections()).containsAll(CORE);
        for (Feature feature : factory.features()) {
            assertThat(factory.collections()).as("collection of feature " + feature).contains(feature.collection());
        }
        InstanceStateMachine states = factory.instanceStates();
        assertThat(states.next(InstanceState.START, InstanceAction.CREATE)).isPresent();
        assertThat(states.states()).contains(InstanceState.RUNNING);
    }

    @Test
    void offersExactlyTheOptionalCollectionsItDeclares() {
        Map<CollectionKind, Function<DriverSession, Optional<?>>> services = Map.of(
                CollectionKind.KEYS, DriverSession::keys,
                CollectionKind.STORAGE_VOLUMES, DriverSession::storageVolumes,
                CollectionKind.STORAGE_SNAPSHOTS, DriverSession::storageSnapshots,
                CollectionKind.BUCKETS, DriverSession::blobStore,
                CollectionKind.ADDRESSES, DriverSession::addresses,
                CollectionKind.FIREWALLS, DriverSession::firewalls,
                CollectionKind.LOAD_BALANCERS, DriverSession::loadBalancers,
                CollectionKind.METRICS, DriverSession::metrics);
        services.forEach((kind, service) -> assertThat(service.apply(session).isPresent())
                .as(kind + " declared vs offered").isEqualTo(factory().supports(kind)));
    }

    @Test
    void refusesWrongCredentials() {
        assertThatThrownBy(() -> factory().connect(wrongCredentials(), settings()).realms())
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageNotContaining(wrongCredentials().secret());
    }

    // ---- compute core ------------------------------------------------------------------------------------

    @Test
    void listsRealmsAndFetchesEach() {
        assertThat(session.realms()).isNotEmpty();
        session.realms().forEach(r -> assertThat(session.realm(r.id())).isEqualTo(r));
        assertThatThrownBy(() -> session.realm("no-such-realm-" + UUID.randomUUID())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void listsWellFormedHardwareProfiles() {
        assertThat(session.hardwareProfiles()).isNotEmpty();
        for (HardwareProfile profile : session.hardwareProfiles()) {
            assertThat(session.hardwareProfile(profile.id())).isEqualTo(profile);
            for (HardwareProperty property : profile.properties()) {
                assertThat(property.accepts(property.value())).as(profile.id() + "." + property.name()).isTrue();
            }
        }
        assertThatThrownBy(() -> session.hardwareProfile("no-such-profile")).isInstanceOf(NotFoundException.class);
        factory().publicHardwareProfiles().ifPresent(known -> assertThat(known).isEqualTo(session.hardwareProfiles()));
    }

    @Test
    void listsImagesThatNameExistingProfilesAndFiltersThem() {
        List<Image> images = session.images(ImageFilter.ALL);
        assertThat(images).isNotEmpty();
        Set<String> profiles = Set.copyOf(session.hardwareProfiles().stream().map(HardwareProfile::id).toList());
        for (Image image : images) {
            assertThat(session.image(image.id())).isEqualTo(image);
            assertThat(image.hardwareProfileIds()).isNotEmpty().allMatch(profiles::contains);
        }
        Image first = images.get(0);
        assertThat(session.images(new ImageFilter(first.ownerId(), null))).isNotEmpty()
                .allMatch(i -> i.ownerId().equals(first.ownerId()));
        assertThat(session.images(new ImageFilter(null, first.architecture()))).isNotEmpty()
                .allMatch(i -> i.architecture().equals(first.architecture()));
        assertThatThrownBy(() -> session.image("no-such-image")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void instancesOfferTheActionsOfTheirState() {
        InstanceStateMachine states = factory().instanceStates();
        for (Instance instance : session.instances()) {
            Set<InstanceAction> actions = EnumSet.noneOf(InstanceAction.class);
            actions.addAll(instance.actions());
            actions.remove(InstanceAction.CREATE_IMAGE);
            assertThat(actions).as(instance.id() + " in " + instance.state()).isEqualTo(states.actionsIn(instance.state()));
            assertThat(session.instance(instance.id()).id()).isEqualTo(instance.id());
        }
        assertThatThrownBy(() -> session.instance("no-such-instance")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void instanceGoesThroughItsLifeCycle() {
        InstanceStateMachine states = factory().instanceStates();
        Instance created = session.createInstance(InstanceSpec.ofImage(imageForTests()));
        try {
            assertThat(created.state()).isEqualTo(states.next(InstanceState.START, InstanceAction.CREATE).orElseThrow());
            assertThat(created.imageId()).isEqualTo(imageForTests());
            assertThat(session.instances()).extracting(Instance::id).contains(created.id());
            awaitState(created.id(), InstanceState.RUNNING);

            assertThatThrownBy(() -> session.start(created.id())).isInstanceOf(InvalidStateException.class);
            session.stop(created.id());
            awaitState(created.id(), InstanceState.STOPPED);
            session.start(created.id());
            awaitState(created.id(), InstanceState.RUNNING);
        } finally {
            session.destroy(created.id());
        }
        awaitGone(created.id());
    }

    @Test
    void createRefusesBadInputAndCreatesNothing() {
        int before = session.instances().size();
        assertThatThrownBy(() -> session.createInstance(InstanceSpec.ofImage("no-such-image")))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> session.createInstance(new InstanceSpec(imageForTests(), "no-such-realm", null,
                Map.of(), null, null, null, List.of()))).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> session.createInstance(new InstanceSpec(imageForTests(), null, "no-such-profile",
                Map.of(), null, null, null, List.of()))).isInstanceOf(InvalidArgumentException.class);
        assertThat(session.instances()).hasSize(before);
    }

    @Test
    void createRefusesValuesOutsideTheProfile() {
        Image image = session.images(ImageFilter.ALL).stream()
                .filter(i -> i.hardwareProfileIds().stream().anyMatch(this::hasRange)).findFirst().orElse(null);
        assumeTrue(image != null, "no image with a ranged hardware profile");
        HardwareProfile profile = session.hardwareProfile(
                image.hardwareProfileIds().stream().filter(this::hasRange).findFirst().orElseThrow());
        HardwareProperty range = profile.properties().stream()
                .filter(p -> p.kind() == HardwareProperty.Kind.RANGE).findFirst().orElseThrow();
        String tooBig = String.valueOf(Double.parseDouble(range.last()) + 1);
        int before = session.instances().size();
        assertThatThrownBy(() -> session.createInstance(new InstanceSpec(image.id(), null, profile.id(),
                Map.of(range.name(), tooBig), null, null, null, List.of())))
                .isInstanceOf(InvalidArgumentException.class)
                .extracting(e -> ((InvalidArgumentException) e).parameter()).isEqualTo(range.parameterName());
        assertThat(session.instances()).hasSize(before);
    }

    // ---- optional collections ----------------------------------------------------------------------------

    @Test
    void keysCanBeCreatedAndDeleted() {
        KeyService keys = optional(session.keys(), CollectionKind.KEYS);
        String name = uniqueName("key");
        KeyPair created = keys.create(name, null);
        try {
            assertThat(created.privateKeyPem()).as("a new key shows its private part once").isNotBlank();
            assertThat(keys.get(created.id()).privateKeyPem()).isNull();
            assertThat(keys.list()).extracting(KeyPair::id).contains(created.id());
            assertThatThrownBy(() -> keys.create(name, null)).isInstanceOf(InvalidArgumentException.class);
        } finally {
            keys.delete(created.id());
        }
        assertThatThrownBy(() -> keys.get(created.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void volumesAttachToInstancesAndDetach() {
        StorageVolumeService volumes = optional(session.storageVolumes(), CollectionKind.STORAGE_VOLUMES);
        Instance instance = session.createInstance(InstanceSpec.ofImage(imageForTests()));
        StorageVolume volume = volumes.create(new StorageVolumeSpec(uniqueName("vol"), 1L, instance.realmId(), null, null));
        try {
            awaitState(instance.id(), InstanceState.RUNNING);
            StorageVolume attached = volumes.attach(volume.id(), instance.id(), null);
            assertThat(attached.attachment()).isNotNull();
            assertThat(attached.attachment().instanceId()).isEqualTo(instance.id());
            assertThatThrownBy(() -> volumes.delete(volume.id())).isInstanceOf(InvalidStateException.class);
            assertThat(volumes.detach(volume.id()).attachment()).isNull();
            assertThatThrownBy(() -> volumes.detach(volume.id())).isInstanceOf(InvalidStateException.class);
        } finally {
            volumes.delete(volume.id());
            session.destroy(instance.id());
        }
        assertThatThrownBy(() -> volumes.get(volume.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void blobsStreamInAndOutWithMetadata() throws IOException {
        BlobStore store = optional(session.blobStore(), CollectionKind.BUCKETS);
        Bucket bucket = store.createBucket(uniqueName("bucket"), null);
        int size = 3 * 1024 * 1024 + 17;
        try {
            Blob blob = store.putBlob(bucket.id(), "data.bin", "application/octet-stream",
                    Map.of("author", "contract"), new PatternStream(size), size);
            assertThat(blob.contentLength()).isEqualTo(size);
            assertThat(store.blob(bucket.id(), "data.bin").userMetadata()).containsEntry("author", "contract");
            try (InputStream in = store.openBlob(bucket.id(), "data.bin")) {
                assertThat(sha256(in)).isEqualTo(sha256(new PatternStream(size)));
            }
            assertThat(store.updateMetadata(bucket.id(), "data.bin", Map.of("version", "2")).userMetadata())
                    .isEqualTo(Map.of("version", "2"));
            assertThat(store.bucket(bucket.id()).blobCount()).isEqualTo(1);
            assertThatThrownBy(() -> store.deleteBucket(bucket.id())).isInstanceOf(InvalidStateException.class);
            store.deleteBlob(bucket.id(), "data.bin");
            assertThatThrownBy(() -> store.blob(bucket.id(), "data.bin")).isInstanceOf(NotFoundException.class);
        } finally {
            store.deleteBucket(bucket.id());
        }
        assertThatThrownBy(() -> store.bucket(bucket.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void firewallsHoldRulesAndRefuseBadOnes() {
        FirewallService firewalls = optional(session.firewalls(), CollectionKind.FIREWALLS);
        Firewall firewall = firewalls.create(uniqueName("fw"), "contract test");
        try {
            Firewall withRule = firewalls.addRule(firewall.id(),
                    new FirewallRuleSpec("tcp", 8000, 8010, List.of("10.1.0.0/16"), List.of()));
            assertThat(withRule.rules()).hasSize(1);
            String ruleId = withRule.rules().get(0).id();
            assertThatThrownBy(() -> firewalls.addRule(firewall.id(),
                    new FirewallRuleSpec("tcp", 9000, 8000, List.of("10.1.0.0/16"), List.of())))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> firewalls.addRule(firewall.id(),
                    new FirewallRuleSpec("tcp", 80, 80, List.of("10.1.0.0/99"), List.of())))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThat(firewalls.deleteRule(firewall.id(), ruleId).rules()).isEmpty();
        } finally {
            firewalls.delete(firewall.id());
        }
        assertThatThrownBy(() -> firewalls.get(firewall.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void loadBalancersRegisterInstances() {
        LoadBalancerService balancers = optional(session.loadBalancers(), CollectionKind.LOAD_BALANCERS);
        Instance instance = session.createInstance(InstanceSpec.ofImage(imageForTests()));
        LoadBalancer lb = balancers.create(new LoadBalancerSpec("lb" + Long.toHexString(System.nanoTime()),
                instance.realmId(), List.of(new Listener("HTTP", 80, 8080))));
        try {
            assertThat(balancers.register(lb.id(), instance.id()).instanceIds()).contains(instance.id());
            assertThat(balancers.unregister(lb.id(), instance.id()).instanceIds()).doesNotContain(instance.id());
            assertThatThrownBy(() -> balancers.create(new LoadBalancerSpec("bad", instance.realmId(), List.of())))
                    .isInstanceOf(InvalidArgumentException.class);
        } finally {
            balancers.delete(lb.id());
            session.destroy(instance.id());
        }
    }

    @Test
    void capacityFiguresAreConsistent() {
        session.capacity().ifPresent(capacity -> {
            List<CapacityFigure> figures = capacity.capacity().figures();
            assertThat(figures).isNotEmpty();
            figures.forEach(f -> assertThat(f.limit() == CapacityFigure.UNLIMITED || f.used() <= f.limit())
                    .as(f.toString()).isTrue());
        });
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    /** Polls until the instance is in {@code state}, failing at the deadline. */
    protected Instance awaitState(String instanceId, InstanceState state) {
        long deadline = System.nanoTime() + transitionTimeout().toNanos();
        Instance current = session.instance(instanceId);
        while (current.state() != state) {
            assertThat(System.nanoTime()).as(instanceId + " to reach " + state + ", still " + current.state())
                    .isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            current = session.instance(instanceId);
        }
        return current;
    }

    /** Polls until the instance is gone or in FINISH, failing at the deadline. */
    protected void awaitGone(String instanceId) {
        long deadline = System.nanoTime() + transitionTimeout().toNanos();
        while (true) {
            try {
                if (session.instance(instanceId).state() == InstanceState.FINISH) {
                    return;
                }
            } catch (NotFoundException gone) {
                return;
            }
            assertThat(System.nanoTime()).as(instanceId + " to disappear").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    protected <T> T optional(Optional<T> service, CollectionKind kind) {
        assumeTrue(factory().supports(kind), factory().id() + " does not offer " + kind.apiName());
        return service.orElseThrow();
    }

    protected static String uniqueName(String prefix) {
        return prefix + Long.toHexString(System.nanoTime());
    }

    private boolean hasRange(String profileId) {
        return session.hardwareProfile(profileId).properties().stream()
                .anyMatch(p -> p.kind() == HardwareProperty.Kind.RANGE);
    }

    private static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stream of {@code size} generated bytes: uploads of any size without holding them in the test. */
    protected static final class PatternStream extends InputStream {
        private final long size;
        private long position;

        public PatternStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return position < size ? (int) ((position++ * 31 + 7) & 0xff) : -1;
        }
    }
}
