package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.AuthenticationFailedException;
import io.skyfed.drivers.spi.CollectionKind;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverFactory;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Feature;
import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.InstanceAction;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InstanceStateMachine;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.ProviderSettings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory {@code mock} driver: the broker's embedded default and every test's cloud. Each provider id is
 * its own cloud, created with the seed inventory on first use and kept for the life of the factory.
 *
 * <p>Provider properties: {@value #SEED_INSTANCES} adds that many running instances of mockuser (benchmarks);
 * {@value #TRANSITION_DELAY_MS} delays automatic transitions (default 0: the next read sees them);
 * {@value #DISK_MIB} sets the size of generated instance disks (default 8); {@value #IMPORT_FORMATS} narrows and
 * orders the formats disk imports accept (comma-separated; default raw,qcow2,vmdk,vpc,vhdx);
 * {@value #CORRUPT_IMPORTS} = true flips a byte of every imported disk (a test hook for checksum checks);
 * {@value #STATE_DIR} keeps instances, images, disks, checkpoints and staged disks in that directory, so the cloud
 * outlives the process and several processes share it (see {@link MockStateStore}). Warm migrations: {@value #CHANGED_BLOCKS} and
 * {@value #BLOCK_IMPORT} (default true) offer changed-block tracking and staged disks, {@value #GUEST_WRITE_BLOCKS}
 * makes running guests write by themselves, {@value #BLOCK_WRITE_DELAY_MS} slows staged-disk writes,
 * {@value #FAIL_BLOCK_WRITE_AT} fails one of them (see
 * {@link MockBlockSettings}); {@value #GATE_DIR} is a test hook that holds calls at named points until a test opens
 * the gate (see {@link MockGate}). All but the first three are read when the provider's cloud is first created.
 */
public final class MockDriverFactory implements DriverFactory {

    public static final String ID = "mock";
    public static final String USER = "mockuser";
    public static final String PASSWORD = "mockpassword";
    public static final String SEED_INSTANCES = "seed-instances";
    public static final String TRANSITION_DELAY_MS = "transition-delay-ms";
    public static final String DISK_MIB = "disk-mib";
    public static final String IMPORT_FORMATS = "import-formats";
    public static final String CORRUPT_IMPORTS = "corrupt-imports";
    public static final String STATE_DIR = "state-dir";
    public static final String CHANGED_BLOCKS = "changed-block-tracking";
    public static final String BLOCK_IMPORT = "block-import";
    public static final String GUEST_WRITE_BLOCKS = "guest-write-blocks";
    public static final String BLOCK_WRITE_DELAY_MS = "block-write-delay-ms";
    public static final String FAIL_BLOCK_WRITE_AT = "fail-block-write-at";
    public static final String GATE_DIR = "gate-dir";

    /** pending → running by itself; stop passes through stopping; destroy ends it from running or stopped. */
    public static final InstanceStateMachine STATES = InstanceStateMachine.builder()
            .on(InstanceState.START, InstanceAction.CREATE, InstanceState.PENDING)
            .automatically(InstanceState.PENDING, InstanceState.RUNNING)
            .on(InstanceState.RUNNING, InstanceAction.REBOOT, InstanceState.RUNNING)
            .on(InstanceState.RUNNING, InstanceAction.STOP, InstanceState.STOPPING)
            .on(InstanceState.RUNNING, InstanceAction.DESTROY, InstanceState.FINISH)
            .automatically(InstanceState.STOPPING, InstanceState.STOPPED)
            .on(InstanceState.STOPPED, InstanceAction.START, InstanceState.PENDING)
            .on(InstanceState.STOPPED, InstanceAction.DESTROY, InstanceState.FINISH)
            .build();

    private static final Set<Feature> FEATURES = EnumSet.of(Feature.INSTANCE_USER_NAME, Feature.INSTANCE_USER_DATA,
            Feature.INSTANCE_AUTHENTICATION_KEY, Feature.INSTANCE_FIREWALLS, Feature.INSTANCE_REALM_FILTER,
            Feature.INSTANCE_METRICS, Feature.IMAGE_USER_NAME, Feature.IMAGE_USER_DESCRIPTION);

    private static final List<HardwareProfile> PROFILES = MockSeed.hardwareProfiles();

    private final Clock clock;
    private final ConcurrentMap<String, MockCloud> clouds = new ConcurrentHashMap<>();
    /** Empty for a provider whose cloud lives only in memory. */
    private final ConcurrentMap<String, Optional<MockStateStore>> stores = new ConcurrentHashMap<>();

    /** The ServiceLoader constructor: real time. */
    public MockDriverFactory() {
        this(Clock.systemUTC());
    }

    /** For tests that step time themselves. */
    public MockDriverFactory(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Mock";
    }

    @Override
    public Set<CollectionKind> collections() {
        return EnumSet.allOf(CollectionKind.class);
    }

    @Override
    public Set<Feature> features() {
        return FEATURES;
    }

    @Override
    public InstanceStateMachine instanceStates() {
        return STATES;
    }

    @Override
    public Optional<List<HardwareProfile>> publicHardwareProfiles() {
        return Optional.of(PROFILES);
    }

    @Override
    public DriverSession connect(Credentials credentials, ProviderSettings settings) {
        if (!(constantTimeEquals(USER, credentials.user()) & constantTimeEquals(PASSWORD, credentials.secret()))) {
            throw new AuthenticationFailedException("the mock driver accepts only " + USER + " with its password");
        }
        // Checked on every connect, so bad settings fail even when the provider's cloud already exists.
        int seeded = intProperty(settings, SEED_INSTANCES, 0, 1_000_000);
        int delay = intProperty(settings, TRANSITION_DELAY_MS, 0, 3_600_000);
        int diskMib = intProperty(settings, DISK_MIB, 8, 512);
        MockCloud cloud = clouds.computeIfAbsent(settings.providerId(), id -> newCloud(seeded, delay,
                disks(settings, diskMib), settings.property(GATE_DIR).map(dir -> MockGate.in(Path.of(dir)))
                        .orElse(MockGate.none())));
        MockSession session = new MockSession(cloud, credentials.user());
        Optional<MockStateStore> store = stores.computeIfAbsent(settings.providerId(), id -> settings
                .property(STATE_DIR).map(dir -> new MockStateStore(Path.of(dir).resolve(id))));
        return store.<DriverSession>map(s -> MockStatefulSession.wrap(session, s, cloud)).orElse(session);
    }

    private MockCloud newCloud(int seeded, int delay, MockDisks disks, MockGate gate) {
        MockCloud cloud = new MockCloud(clock, Duration.ofMillis(delay), STATES, MockSeed.realms(), PROFILES, disks,
                gate);
        MockSeed.populate(cloud);
        MockSeed.seedInstances(cloud, seeded, USER);
        return cloud;
    }

    private static MockDisks disks(ProviderSettings settings, int diskMib) {
        List<String> formats = settings.property(IMPORT_FORMATS)
                .map(text -> List.of(text.trim().split("\\s*,\\s*"))).orElse(MockDisks.ALL_IMPORT_FORMATS);
        if (formats.isEmpty() || !MockDisks.ALL_IMPORT_FORMATS.containsAll(formats)) {
            throw new InvalidArgumentException(IMPORT_FORMATS, IMPORT_FORMATS + " must be a comma-separated subset of "
                    + MockDisks.ALL_IMPORT_FORMATS);
        }
        boolean corrupt = Boolean.parseBoolean(settings.property(CORRUPT_IMPORTS).orElse("false"));
        MockBlockSettings blocks = new MockBlockSettings(
                Boolean.parseBoolean(settings.property(CHANGED_BLOCKS).orElse("true")),
                Boolean.parseBoolean(settings.property(BLOCK_IMPORT).orElse("true")),
                intProperty(settings, GUEST_WRITE_BLOCKS, 0, 64), intProperty(settings, BLOCK_WRITE_DELAY_MS, 0, 60_000),
                intProperty(settings, FAIL_BLOCK_WRITE_AT, 0, Integer.MAX_VALUE), new AtomicLong());
        return new MockDisks(diskMib * MockDisk.MIB, formats, corrupt, blocks);
    }

    private static int intProperty(ProviderSettings settings, String name, int min, int max) {
        String text = settings.property(name).orElse(String.valueOf(min));
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new InvalidArgumentException(name, name + " must be an integer from " + min + " to " + max + ", not '" + text + "'");
    }

    private static boolean constantTimeEquals(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }
}
