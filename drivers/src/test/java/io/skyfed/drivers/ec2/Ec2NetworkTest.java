package io.skyfed.drivers.ec2;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.skyfed.drivers.spi.Address;
import io.skyfed.drivers.spi.AddressService;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Firewall;
import io.skyfed.drivers.spi.FirewallDirection;
import io.skyfed.drivers.spi.FirewallRule;
import io.skyfed.drivers.spi.FirewallRuleSpec;
import io.skyfed.drivers.spi.FirewallService;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * EC2 security groups and Elastic IPs through the driver: instances created in firewalls, what EC2's own rules
 * look like, and that creates EC2 takes no ClientToken for (CreateSecurityGroup, AllocateAddress) and changes that
 * fail when repeated (AuthorizeSecurityGroupIngress, AssociateAddress) are retried after a 503 or a lost answer
 * without taking effect twice.
 */
class Ec2NetworkTest {

    private static final Ec2Stubs STUBS = new Ec2Stubs();
    private static final AtomicInteger PROVIDERS = new AtomicInteger();
    private static final String IMAGE = "ami-0abcdef1234567890";

    private final Ec2DriverFactory factory = new Ec2DriverFactory();
    private DriverSession session;
    private FirewallService firewalls;
    private AddressService addresses;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        STUBS.resetFaults();
        session = factory.connect(Ec2Stubs.credentials(), STUBS.settings("ec2-network-" + PROVIDERS.incrementAndGet(),
                Map.of("fault.timeout", "PT3S", "fault.max-retries", "2", "fault.retry-base", "PT0.01S")));
        firewalls = session.firewalls().orElseThrow();
        addresses = session.addresses().orElseThrow();
    }


    private static InstanceSpec inFirewalls(String... ids) {
        return new InstanceSpec(IMAGE, null, null, Map.of(), null, null, null, List.of(ids));
    }

    private static String name() {
        return "fw-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void instancesAreCreatedInFirewallsAndAFirewallInUseIsNotDeleted() {
        Firewall web = firewalls.create(name(), "web servers");
        Instance instance = session.createInstance(inFirewalls(web.id()));
        assertThat(instance.firewallIds()).containsExactly(web.id());
        assertThat(session.instance(instance.id()).firewallIds()).containsExactly(web.id());
        assertThatThrownBy(() -> firewalls.delete(web.id())).isInstanceOf(InvalidStateException.class);

        session.destroy(instance.id());
        session.instances();
        firewalls.delete(web.id());
        assertThat(firewalls.list()).extracting(Firewall::id).doesNotContain(web.id());
    }

    @Test
    void anUnknownFirewallIsRefusedBeforeAnythingIsLaunched() {
        int launches = STUBS.ec2.launches();
        assertThatThrownBy(() -> session.createInstance(inFirewalls("sg-00000000000000bad")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("sg-00000000000000bad");
        assertThat(STUBS.ec2.launches()).isEqualTo(launches);
        assertThat(STUBS.calls("RunInstances")).isEmpty();
    }

    @Test
    void theDefaultGroupShowsItsAllTrafficRuleFromItself() {
        Firewall fallback = firewalls.get(Ec2NetworkFake.DEFAULT_GROUP);
        assertThat(fallback.name()).isEqualTo("default");
        assertThat(ingress(fallback)).singleElement().satisfies(r -> {
            assertThat(r.protocol()).isEqualTo("all");
            assertThat(r.sourceGroups()).containsExactly(Ec2NetworkFake.DEFAULT_GROUP);
        });
    }

    private static List<FirewallRule> ingress(Firewall firewall) {
        return firewall.rules().stream().filter(r -> r.direction() == FirewallDirection.INGRESS).toList();
    }

    private static List<FirewallRule> egress(Firewall firewall) {
        return firewall.rules().stream().filter(r -> r.direction() == FirewallDirection.EGRESS).toList();
    }

    @Test
    void aNewGroupAllowsAllEgressAndEgressRulesAreAuthorizedAndRevokedApartFromIngress() {
        Firewall fw = firewalls.create(name(), "egress");
        assertThat(egress(fw)).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("egress-all-0-65535");
            assertThat(r.sourceCidrs()).containsExactly("0.0.0.0/0");
        });

        Firewall withRule = firewalls.addRule(fw.id(), new FirewallRuleSpec("tcp", 443, 443, List.of("10.0.0.0/8"),
                List.of(), FirewallDirection.EGRESS));
        assertThat(STUBS.calls("AuthorizeSecurityGroupEgress")).hasSize(1);
        assertThat(ingress(withRule)).isEmpty();
        assertThat(egress(withRule)).extracting(FirewallRule::id)
                .containsExactlyInAnyOrder("egress-all-0-65535", "egress-tcp-443-443");

        Firewall narrowed = firewalls.deleteRule(fw.id(), "egress-all-0-65535");
        assertThat(STUBS.calls("RevokeSecurityGroupEgress")).hasSize(1);
        assertThat(STUBS.calls("RevokeSecurityGroupIngress")).isEmpty();
        assertThat(egress(narrowed)).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("egress-tcp-443-443");
            assertThat(r.sourceCidrs()).containsExactly("10.0.0.0/8");
        });
        firewalls.delete(fw.id());
    }

    @Test
    void anEgressRuleWhoseAnswerIsLostIsNotAuthorizedTwice() {
        Firewall fw = firewalls.create(name(), "egress rules");
        STUBS.ec2.loseNextAnswerTo("AuthorizeSecurityGroupEgress");

        Firewall withRule = firewalls.addRule(fw.id(), new FirewallRuleSpec("udp", 53, 53, List.of("10.0.0.2/32"),
                List.of(), FirewallDirection.EGRESS));

        assertThat(STUBS.calls("AuthorizeSecurityGroupEgress")).as("the look-up found the rule, no duplicate sent")
                .hasSize(1);
        assertThat(egress(withRule)).filteredOn(r -> r.id().equals("egress-udp-53-53")).singleElement()
                .satisfies(r -> assertThat(r.sourceCidrs()).containsExactly("10.0.0.2/32"));
        firewalls.delete(fw.id());
    }

    @Test
    void rulesFromGroupsAndBothAddressFamiliesAndATakenNameIsRefused() {
        Firewall db = firewalls.create(name(), "databases");
        Firewall withRule = firewalls.addRule(db.id(), new FirewallRuleSpec("tcp", 5432, 5432,
                List.of("10.0.0.0/8", "2001:db8::/32"), List.of(Ec2NetworkFake.DEFAULT_GROUP)));
        FirewallRule rule = withRule.rules().get(0);
        assertThat(rule.id()).isEqualTo("tcp-5432-5432");
        assertThat(rule.sourceCidrs()).containsExactlyInAnyOrder("10.0.0.0/8", "2001:db8::/32");
        assertThat(rule.sourceGroups()).containsExactly(Ec2NetworkFake.DEFAULT_GROUP);
        assertThatThrownBy(() -> firewalls.create(db.name(), "again")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> firewalls.addRule(db.id(), new FirewallRuleSpec("tcp", 5432, 5432,
                List.of("10.0.0.0/8"), List.of()))).isInstanceOf(InvalidArgumentException.class);
        firewalls.delete(db.id());
    }

    @Test
    void aSecurityGroupCreateWhoseAnswerIsLostIsFoundByItsTokenNotMadeAgain() {
        String name = name();
        STUBS.ec2.loseNextAnswerTo("CreateSecurityGroup");

        Firewall created = firewalls.create(name, "lost answer");

        assertThat(STUBS.calls("CreateSecurityGroup")).hasSize(1);
        assertThat(STUBS.ec2.network().groupsNamed(name)).isEqualTo(1);
        assertThat(created.name()).isEqualTo(name);
        firewalls.delete(created.id());
    }

    @Test
    void aSecurityGroupCreateRefusedWith503IsRetriedAndMadeOnce() {
        String name = name();
        STUBS.failOnce("CreateSecurityGroup", Ec2Stubs.unavailable());

        Firewall created = firewalls.create(name, "after a 503");

        assertThat(STUBS.calls("CreateSecurityGroup")).hasSize(2);
        assertThat(STUBS.ec2.network().groupsNamed(name)).isEqualTo(1);
        firewalls.delete(created.id());
    }

    @Test
    void aRuleWhoseAnswerIsLostIsNotAuthorizedTwice() {
        Firewall fw = firewalls.create(name(), "rules");
        STUBS.ec2.loseNextAnswerTo("AuthorizeSecurityGroupIngress");

        Firewall withRule = firewalls.addRule(fw.id(), new FirewallRuleSpec("tcp", 443, 443, List.of(), List.of()));

        assertThat(STUBS.calls("AuthorizeSecurityGroupIngress")).as("the look-up found the rule, no duplicate sent")
                .hasSize(1);
        assertThat(ingress(withRule)).singleElement().satisfies(r -> assertThat(r.sourceCidrs())
                .containsExactly("0.0.0.0/0"));
        firewalls.delete(fw.id());
    }

    @Test
    void anAddressAllocationWhoseAnswerIsLostOrRefusedAllocatesOnce() {
        int before = STUBS.ec2.network().addressCount();
        STUBS.ec2.loseNextAnswerTo("AllocateAddress");
        Address lost = addresses.create();
        assertThat(STUBS.calls("AllocateAddress")).hasSize(1);
        assertThat(STUBS.ec2.network().addressCount()).isEqualTo(before + 1);

        STUBS.failOnce("AllocateAddress", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        Address reset = addresses.create();
        assertThat(STUBS.calls("AllocateAddress")).hasSize(3);
        assertThat(STUBS.ec2.network().addressCount()).isEqualTo(before + 2);
        assertThat(addresses.list()).extracting(Address::id).contains(lost.id(), reset.id());

        addresses.delete(lost.id());
        addresses.delete(reset.id());
        assertThat(STUBS.ec2.network().addressCount()).isEqualTo(before);
    }

    @Test
    void anAssociationWhoseAnswerIsLostIsFoundAndNotRepeated() {
        Instance instance = session.createInstance(InstanceSpec.ofImage(IMAGE));
        Address address = addresses.create();
        STUBS.ec2.loseNextAnswerTo("AssociateAddress");

        assertThat(addresses.associate(address.id(), instance.id()).instanceId()).isEqualTo(instance.id());

        assertThat(STUBS.calls("AssociateAddress")).hasSize(1);
        addresses.disassociate(address.id());
        addresses.delete(address.id());
        session.destroy(instance.id());
    }

    @Test
    void anAllocationThatKeepsFailingReportsTheProviderUnavailableAndLeavesNothing() {
        int before = STUBS.ec2.network().addressCount();
        STUBS.ec2Server.stubFor(post(urlEqualTo("/")).atPriority(1)
                .withRequestBody(containing("Action=AllocateAddress&")).willReturn(Ec2Stubs.unavailable()));

        assertThatThrownBy(addresses::create).isInstanceOf(ProviderUnavailableException.class);

        assertThat(STUBS.calls("AllocateAddress")).hasSize(3);
        assertThat(STUBS.ec2.network().addressCount()).isEqualTo(before);
    }
}
