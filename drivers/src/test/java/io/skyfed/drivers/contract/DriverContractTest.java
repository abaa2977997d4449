package io.skyfed.drivers.contract;

import io.skyfed.drivers.spi.AuthenticationFailedException;
import io.skyfed.drivers.spi.CollectionKind;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverFactory;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Feature;
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
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.ProviderSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every driver owes the broker, run unchanged against each one: subclass it and say how to reach a
 * provider (the mock, a WireMock stub, a libvirt test:// URI). The compute core is tested here; each optional
 * collection has its own contract interface, which the subclass implements for exactly the collections its
 * factory declares ({@link #testsEveryOptionalCollectionItDeclares} fails otherwise), so nothing is skipped and a
 * new capability cannot go untested. Capacity reports and ranged hardware profiles are tied to their contracts the
 * same way. Tests that create things clean up after themselves.
 */
public abstract class DriverContractTest implements DriverUnderTest {

    private static final Set<CollectionKind> CORE = EnumSet.of(CollectionKind.REALMS,
            CollectionKind.HARDWARE_PROFILES, CollectionKind.IMAGES, CollectionKind.INSTANCES);

    private DriverSession session;

    /** Credentials the provider accepts. */
    protected abstract Credentials credentials();

    protected abstract ProviderSettings settings();

    /** Credentials the provider refuses. */
    protected Credentials wrongCredentials() {
        return new Credentials(credentials().user(), credentials().secret() + "-wrong");
    }

    @Override
    public DriverSession session() {
        return session;
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
    void testsEveryOptionalCollectionItDeclares() {
        Map<CollectionKind, Class<?>> contracts = Map.of(
                CollectionKind.KEYS, KeysContract.class,
                CollectionKind.STORAGE_VOLUMES, StorageVolumesContract.class,
                CollectionKind.STORAGE_SNAPSHOTS, StorageSnapshotsContract.class,
                CollectionKind.BUCKETS, BlobStoreContract.class,
                CollectionKind.ADDRESSES, AddressesContract.class,
                CollectionKind.FIREWALLS, FirewallsContract.class,
                CollectionKind.LOAD_BALANCERS, LoadBalancersContract.class,
                CollectionKind.METRICS, MetricsContract.class);
        assertThat(contracts.keySet()).as("every optional collection has a contract")
                .isEqualTo(EnumSet.complementOf(EnumSet.copyOf(CORE)));
        contracts.forEach((kind, contract) -> assertThat(contract.isInstance(this))
                .as(getClass().getSimpleName() + " implements " + contract.getSimpleName() + " exactly when "
                        + factory().id() + " declares " + kind.apiName())
                .isEqualTo(factory().supports(kind)));
    }

    @Test
    void testsCapacityExactlyWhenItReportsIt() {
        assertThat(this instanceof CapacityContract).as(getClass().getSimpleName() + " implements CapacityContract "
                + "exactly when " + factory().id() + " reports capacity").isEqualTo(session.capacity().isPresent());
    }

    @Test
    void testsRangedProfilesExactlyWhenAnImageHasOne() {
        assertThat(this instanceof RangedProfilesContract)
                .as(getClass().getSimpleName() + " implements RangedProfilesContract exactly when an image of "
                        + factory().id() + " has a hardware profile with a range")
                .isEqualTo(RangedProfilesContract.imageWithRangedProfile(session).isPresent());
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
    void namesInstancesExactlyWhenItOffersUserName() {
        InstanceSpec named = new InstanceSpec(imageForTests(), null, null, Map.of(), uniqueName("named"), null, null,
                List.of());
        if (factory().supports(Feature.INSTANCE_USER_NAME)) {
            Instance created = session.createInstance(named);
            try {
                assertThat(created.name()).isEqualTo(named.name());
                assertThat(session.instance(created.id()).name()).isEqualTo(named.name());
            } finally {
                session.destroy(created.id());
            }
        } else {
            int before = session.instances().size();
            assertThatThrownBy(() -> session.createInstance(named)).isInstanceOf(InvalidArgumentException.class)
                    .extracting(e -> ((InvalidArgumentException) e).parameter()).isEqualTo("name");
            assertThat(session.instances()).hasSize(before);
        }
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

    // ---- helpers -----------------------------------------------------------------------------------------

    /** A name no earlier run has used, for things the provider keys by name. */
    public static String uniqueName(String prefix) {
        return prefix + Long.toHexString(System.nanoTime());
    }
}
