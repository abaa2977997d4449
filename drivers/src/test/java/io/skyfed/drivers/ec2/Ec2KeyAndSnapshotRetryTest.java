package io.skyfed.drivers.ec2;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.KeyPair;
import io.skyfed.drivers.spi.KeyService;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import io.skyfed.drivers.spi.StorageSnapshot;
import io.skyfed.drivers.spi.StorageSnapshotService;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Key pairs and snapshots, the EC2 creates that take no ClientToken: they carry the request token as a tag, and a
 * retry after a lost answer, a 503 or a reset finds what the first attempt made instead of making a second (or
 * failing as a duplicate); a key name someone else holds is still refused.
 */
class Ec2KeyAndSnapshotRetryTest {

    private static final Ec2Stubs STUBS = new Ec2Stubs();
    private static final AtomicInteger PROVIDERS = new AtomicInteger();
    private static final String VOLUME = "vol-0a1b2c3d4e5f60001";
    private static final String PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE6YDmnkFzUlqBvfKBuDgx3lxm0nvV8aG0bE"
            + "YkCvK3Ts ops@example";

    private final Ec2DriverFactory factory = new Ec2DriverFactory();
    private DriverSession session;
    private KeyService keys;
    private StorageSnapshotService snapshots;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        STUBS.resetFaults();
        session = factory.connect(Ec2Stubs.credentials(), STUBS.settings("ec2-retry-" + PROVIDERS.incrementAndGet(),
                Map.of("fault.timeout", "PT3S", "fault.max-retries", "2", "fault.retry-base", "PT0.01S")));
        keys = session.keys().orElseThrow();
        snapshots = session.storageSnapshots().orElseThrow();
    }


    private static String name() {
        return "key-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anImportWhoseAnswerIsLostIsFoundByItsTokenNotImportedAgain() {
        String name = name();
        int before = STUBS.ec2.keyCount();
        STUBS.ec2.loseNextAnswerTo("ImportKeyPair");

        KeyPair imported = keys.create(name, PUBLIC_KEY);

        assertThat(STUBS.calls("ImportKeyPair")).as("the look-up found the key: no duplicate import sent").hasSize(1);
        assertThat(STUBS.ec2.keyCount()).isEqualTo(before + 1);
        assertThat(imported.name()).isEqualTo(name);
        assertThat(imported.fingerprint()).isEqualTo(keys.get(name).fingerprint());
        keys.delete(name);
    }

    @Test
    void anImportRefusedWith503IsRetriedAndMadeOnce() {
        String name = name();
        STUBS.failOnce("ImportKeyPair", Ec2Stubs.unavailable());

        keys.create(name, PUBLIC_KEY);

        assertThat(STUBS.calls("ImportKeyPair")).hasSize(2);
        assertThat(STUBS.ec2.hasKey(name)).isTrue();
        keys.delete(name);
    }

    @Test
    void aGeneratedKeyWhoseAnswerIsLostIsReplacedSinceOnlyTheLostAnswerHeldItsPrivateKey() {
        String name = name();
        int before = STUBS.ec2.keyCount();
        STUBS.ec2.loseNextAnswerTo("CreateKeyPair");

        KeyPair created = keys.create(name, null);

        assertThat(STUBS.calls("CreateKeyPair")).hasSize(2);
        assertThat(STUBS.calls("DeleteKeyPair")).as("the first key, whose private key nobody has, is removed").hasSize(1);
        assertThat(STUBS.ec2.keyCount()).isEqualTo(before + 1);
        assertThat(created.privateKeyPem()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        keys.delete(name);
    }

    @Test
    void aGeneratedKeyThatKeepsFailingLeavesNoKeyBehind() {
        String name = name();
        int before = STUBS.ec2.keyCount();
        STUBS.ec2.loseAnswersTo("CreateKeyPair", 3);

        assertThatThrownBy(() -> keys.create(name, null)).isInstanceOf(ProviderUnavailableException.class);

        assertThat(STUBS.calls("CreateKeyPair")).hasSize(3);
        assertThat(STUBS.calls("DeleteKeyPair")).as("each key made, then found by its token, is removed").hasSize(3);
        assertThat(STUBS.ec2.keyCount()).isEqualTo(before);
    }

    @Test
    void aNameSomeoneElseHoldsIsRefusedAndTheirKeyIsLeftAlone() {
        assertThatThrownBy(() -> keys.create("ops", PUBLIC_KEY))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("a key named 'ops' exists")
                .satisfies(e -> assertThat(((InvalidArgumentException) e).parameter()).isEqualTo("name"));
        assertThatThrownBy(() -> keys.create("ops", null)).isInstanceOf(InvalidArgumentException.class);

        assertThat(STUBS.calls("ImportKeyPair")).hasSize(1);
        assertThat(STUBS.calls("CreateKeyPair")).hasSize(1);
        assertThat(STUBS.calls("DeleteKeyPair")).isEmpty();
        assertThat(STUBS.ec2.hasKey("ops")).isTrue();
    }

    @Test
    void aSnapshotWhoseAnswerIsLostIsFoundByItsTokenNotTakenAgain() {
        long before = STUBS.ec2.snapshotsOf(VOLUME);
        STUBS.ec2.loseNextAnswerTo("CreateSnapshot");

        StorageSnapshot snapshot = snapshots.create(VOLUME, "lost", "a lost answer");

        assertThat(STUBS.calls("CreateSnapshot")).hasSize(1);
        assertThat(STUBS.ec2.snapshotsOf(VOLUME)).isEqualTo(before + 1);
        assertThat(snapshots.get(snapshot.id()).volumeId()).isEqualTo(VOLUME);
        assertThat(STUBS.calls("CreateSnapshot").get(0).getBodyAsString())
                .contains("TagSpecification.1.ResourceType=snapshot");
        snapshots.delete(snapshot.id());
    }

    @Test
    void aSnapshotRefusedWith503OrResetIsRetriedAndTakenOnce() {
        long before = STUBS.ec2.snapshotsOf(VOLUME);
        STUBS.failOnce("CreateSnapshot", Ec2Stubs.unavailable());
        StorageSnapshot afterUnavailable = snapshots.create(VOLUME, "503", null);
        assertThat(STUBS.calls("CreateSnapshot")).hasSize(2);

        STUBS.resetFaults();
        STUBS.failOnce("CreateSnapshot", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        StorageSnapshot afterReset = snapshots.create(VOLUME, "reset", null);
        assertThat(STUBS.calls("CreateSnapshot")).hasSize(2);

        assertThat(STUBS.ec2.snapshotsOf(VOLUME)).isEqualTo(before + 2);
        snapshots.delete(afterUnavailable.id());
        snapshots.delete(afterReset.id());
    }
}
