package io.skyfed.drivers.openstack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.skyfed.drivers.spi.Address;
import io.skyfed.drivers.spi.AddressService;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Firewall;
import io.skyfed.drivers.spi.FirewallRuleSpec;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.KeyPair;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import io.skyfed.drivers.spi.StorageSnapshot;
import io.skyfed.drivers.spi.StorageSnapshotService;
import io.skyfed.drivers.spi.StorageVolume;
import io.skyfed.drivers.spi.StorageVolumeSpec;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Creates OpenStack takes no idempotency token for (servers, Cinder volumes and snapshots, Neutron security groups,
 * rules and floating IPs, imported and generated key pairs) are retried after a 503 or a reset, but only after looking
 * for what the failed attempt may have made: nothing is created twice.
 */
class OpenStackLookUpBeforeRetryTest {

    private static final NovaStubs STUBS = new NovaStubs();
    private static final AtomicInteger PROVIDERS = new AtomicInteger();
    private static final String SERVERS = "/compute/v2.1/" + NovaFake.PROJECT_ID + "/servers";
    private static final String KEYPAIRS = "/compute/v2.1/" + NovaFake.PROJECT_ID + "/os-keypairs";
    private static final String VOLUMES = CinderFake.PREFIX + "/volumes";
    private static final String SECURITY_GROUPS = NeutronFake.PREFIX + "/security-groups";
    private static final String RULES = NeutronFake.PREFIX + "/security-group-rules";
    private static final String FLOATING_IPS = NeutronFake.PREFIX + "/floatingips";
    private static final String SNAPSHOTS = CinderFake.PREFIX + "/snapshots";
    private static final String IMAGE = "70a599e0-31e7-49b7-b260-868f441e862b";
    private static final String PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKn6ZxHq0d9r1nB8Y3WlV7kP2eJ0sXoQmTtLu4cFh9aG ops";

    private DriverSession session;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        STUBS.resetFaults();
        session = new OpenStackDriverFactory().connect(NovaStubs.credentials(), STUBS.settings(
                "openstack-lookup-" + PROVIDERS.incrementAndGet(), Map.of("fault.timeout", "PT3S",
                        "fault.max-retries", "2", "fault.retry-base", "PT0.01S")));
    }

    @AfterEach
    void close() {
        session.close();
    }

    /** The first POST to {@code path} fails before the service sees it; later ones reach the fake. */
    private static void failFirstPost(String path, ResponseDefinitionBuilder fault) {
        STUBS.server.stubFor(post(urlPathEqualTo(path)).atPriority(1).inScenario("once " + path)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(fault).willSetStateTo("failed"));
    }

    private static int posts(String path) {
        return STUBS.server.findAll(postRequestedFor(urlPathEqualTo(path))).size();
    }

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aVolumeWhoseAnswerIsLostIsFoundByItsRequestTokenNotMadeAgain() {
        int before = STUBS.cinder.volumeCreates();
        STUBS.cinder.loseNextCreateAnswer();

        StorageVolume volume = session.storageVolumes().orElseThrow()
                .create(new StorageVolumeSpec(name("vol"), 1L, null, null, null));

        assertThat(posts(VOLUMES)).isEqualTo(1);
        assertThat(STUBS.cinder.volumeCreates() - before).isEqualTo(1);
        assertThat(session.storageVolumes().orElseThrow().list()).extracting(StorageVolume::id)
                .contains(volume.id());
    }

    @Test
    void aVolumeCreateRefusedWith503IsRetriedAndMadeOnce() {
        int before = STUBS.cinder.volumeCreates();
        failFirstPost(VOLUMES, aResponse().withStatus(503));

        session.storageVolumes().orElseThrow().create(new StorageVolumeSpec(name("vol"), 1L, null, null, null));

        assertThat(posts(VOLUMES)).isEqualTo(2);
        assertThat(STUBS.cinder.volumeCreates() - before).isEqualTo(1);
    }

    @Test
    void aSecurityGroupWhoseAnswerIsLostIsFoundByItsNameNotMadeAgain() {
        String name = name("fw");
        STUBS.neutron.loseNextGroupCreateAnswer();

        Firewall created = session.firewalls().orElseThrow().create(name, "lost answer");

        assertThat(created.name()).isEqualTo(name);
        assertThat(posts(SECURITY_GROUPS)).isEqualTo(1);
        assertThat(STUBS.neutron.groupsNamed(name)).isEqualTo(1);
    }

    @Test
    void aRuleCreateResetBeforeNeutronSawItIsRetriedAndHeldOnce() {
        Firewall fw = session.firewalls().orElseThrow().create(name("fw"), "rules");
        failFirstPost(RULES, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        Firewall withRule = session.firewalls().orElseThrow().addRule(fw.id(),
                new FirewallRuleSpec("tcp", 22, 22, List.of("10.0.0.0/8"), List.of()));

        assertThat(posts(RULES)).isEqualTo(2);
        assertThat(withRule.rules()).singleElement()
                .satisfies(r -> assertThat(r.sourceCidrs()).containsExactly("10.0.0.0/8"));
    }

    @Test
    void anImportedKeyRefusedWith503IsRetriedAndImportedOnce() {
        String name = name("key");
        failFirstPost(KEYPAIRS, aResponse().withStatus(503));

        KeyPair key = session.keys().orElseThrow().create(name, PUBLIC_KEY);

        assertThat(key.id()).isEqualTo(name);
        assertThat(posts(KEYPAIRS)).isEqualTo(2);
        assertThat(session.keys().orElseThrow().list()).extracting(KeyPair::id).containsOnlyOnce(name);
    }

    @Test
    void aGeneratedKeyWhoseAnswerIsLostIsGeneratedAgainSoTheCallerHoldsThePrivateHalfOfTheKeptKey() {
        String name = name("key");
        int before = STUBS.nova.keyGenerations();
        STUBS.nova.loseKeyCreateAnswers(1);

        KeyPair key = session.keys().orElseThrow().create(name, null);

        assertThat(posts(KEYPAIRS)).isEqualTo(2);
        assertThat(STUBS.nova.keyGenerations() - before).as("the first key, whose private half was lost, replaced")
                .isEqualTo(2);
        assertThat(STUBS.server.findAll(deleteRequestedFor(urlPathEqualTo(KEYPAIRS + "/" + name)))).hasSize(1);
        assertThat(session.keys().orElseThrow().list()).extracting(KeyPair::id).containsOnlyOnce(name);
        assertThat(key.privateKeyPem()).isNotNull().isEqualTo(STUBS.nova.privateHalfHeldFor(name));
    }

    @Test
    void aGeneratedKeyWhoseAnswersAreAlwaysLostLeavesNoKeyBehind() {
        String name = name("key");
        int before = STUBS.nova.keyGenerations();
        STUBS.nova.loseKeyCreateAnswers(3);

        assertThatThrownBy(() -> session.keys().orElseThrow().create(name, null))
                .isInstanceOf(ProviderUnavailableException.class);

        assertThat(STUBS.nova.keyGenerations() - before).as("three attempts (two retries)").isEqualTo(3);
        assertThat(session.keys().orElseThrow().list()).extracting(KeyPair::id).doesNotContain(name);
    }

    @Test
    void aGeneratedKeyRefusedWith503IsRetriedAndGeneratedOnce() {
        String name = name("key");
        int before = STUBS.nova.keyGenerations();
        failFirstPost(KEYPAIRS, aResponse().withStatus(503));

        KeyPair key = session.keys().orElseThrow().create(name, null);

        assertThat(posts(KEYPAIRS)).isEqualTo(2);
        assertThat(STUBS.nova.keyGenerations() - before).isEqualTo(1);
        assertThat(session.keys().orElseThrow().list()).extracting(KeyPair::id).containsOnlyOnce(name);
        assertThat(key.privateKeyPem()).isNotNull().isEqualTo(STUBS.nova.privateHalfHeldFor(name));
    }

    @Test
    void aKeyToGenerateUnderANameSomeoneElsesKeyHoldsIsRefusedAndTheirKeyLeftAlone() {
        String name = name("key");
        KeyPair theirs = session.keys().orElseThrow().create(name, PUBLIC_KEY);
        int postsBefore = posts(KEYPAIRS);

        assertThatThrownBy(() -> session.keys().orElseThrow().create(name, null))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("'" + name + "' exists");

        assertThat(posts(KEYPAIRS)).isEqualTo(postsBefore);
        assertThat(STUBS.server.findAll(deleteRequestedFor(urlPathEqualTo(KEYPAIRS + "/" + name)))).isEmpty();
        assertThat(STUBS.nova.privateHalfHeldFor(name)).as("still the imported key").isNull();
        assertThat(session.keys().orElseThrow().get(name).fingerprint()).isEqualTo(theirs.fingerprint());
    }

    @Test
    void aServerCreateRefusedWith503IsRetriedAndLaunchedOnce() {
        int before = STUBS.nova.creates();
        failFirstPost(SERVERS, aResponse().withStatus(503));

        Instance created = session.createInstance(InstanceSpec.ofImage(IMAGE));

        assertThat(posts(SERVERS)).isEqualTo(2);
        assertThat(STUBS.nova.creates() - before).isEqualTo(1);
        session.destroy(created.id());
    }

    @Test
    void aFloatingIpWhoseAnswerIsLostIsFoundByItsRequestTokenNotSomeoneElses() {
        AddressService addresses = session.addresses().orElseThrow();
        Address someoneElses = addresses.create();
        int before = STUBS.neutron.allocations();
        STUBS.neutron.loseNextAllocationAnswer();

        Address ours = addresses.create();

        assertThat(posts(FLOATING_IPS)).as("one POST before, one now: the look-up found it").isEqualTo(2);
        assertThat(STUBS.neutron.allocations() - before).isEqualTo(1);
        assertThat(ours.id()).isNotEqualTo(someoneElses.id());
        assertThat(addresses.list()).extracting(Address::id).containsOnlyOnce(ours.id(), someoneElses.id());
        addresses.delete(ours.id());
        addresses.delete(someoneElses.id());
    }

    @Test
    void aFloatingIpRefusedWith503IsRetriedAndAllocatedOnce() {
        int before = STUBS.neutron.allocations();
        failFirstPost(FLOATING_IPS, aResponse().withStatus(503));

        Address address = session.addresses().orElseThrow().create();

        assertThat(posts(FLOATING_IPS)).isEqualTo(2);
        assertThat(STUBS.neutron.allocations() - before).isEqualTo(1);
        session.addresses().orElseThrow().delete(address.id());
    }

    @Test
    void aSnapshotWhoseAnswerIsLostIsFoundByItsRequestTokenNotTakenAgain() {
        StorageVolume volume = session.storageVolumes().orElseThrow()
                .create(new StorageVolumeSpec(name("vol"), 1L, null, null, null));
        StorageSnapshotService snapshots = session.storageSnapshots().orElseThrow();
        int before = STUBS.cinder.snapshotCreates();
        STUBS.cinder.loseNextSnapshotAnswer();

        StorageSnapshot snapshot = snapshots.create(volume.id(), name("snap"), "lost answer");

        assertThat(posts(SNAPSHOTS)).isEqualTo(1);
        assertThat(STUBS.cinder.snapshotCreates() - before).isEqualTo(1);
        assertThat(snapshots.list()).filteredOn(s -> s.volumeId().equals(volume.id()))
                .extracting(StorageSnapshot::id).containsExactly(snapshot.id());
    }

    @Test
    void aSnapshotRefusedWith503OrResetIsRetriedAndTakenOnce() {
        StorageVolume volume = session.storageVolumes().orElseThrow()
                .create(new StorageVolumeSpec(name("vol"), 1L, null, null, null));
        StorageSnapshotService snapshots = session.storageSnapshots().orElseThrow();
        int before = STUBS.cinder.snapshotCreates();
        failFirstPost(SNAPSHOTS, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        snapshots.create(volume.id(), name("snap"), null);

        assertThat(posts(SNAPSHOTS)).isEqualTo(2);
        assertThat(STUBS.cinder.snapshotCreates() - before).isEqualTo(1);
        assertThat(snapshots.list()).filteredOn(s -> s.volumeId().equals(volume.id())).hasSize(1);
    }
}
