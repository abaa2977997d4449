package io.skyfed.drivers.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.drivers.spi.Address;
import io.skyfed.drivers.spi.AddressService;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Firewall;
import io.skyfed.drivers.spi.FirewallRule;
import io.skyfed.drivers.spi.FirewallRuleSpec;
import io.skyfed.drivers.spi.FirewallService;
import io.skyfed.drivers.spi.InstanceAddress;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Network security groups as firewalls and public IPs as addresses, against the Resource Manager fake: the
 * resources written, long-running operations followed with their Retry-After, a lost answer not making two.
 */
class AzureNetworkTest {

    private static final AzureStubs STUBS = new AzureStubs();
    private static final String NSGS = "Microsoft.Network/networkSecurityGroups";
    private static final String IPS = "Microsoft.Network/publicIPAddresses";
    private static final String NICS = "Microsoft.Network/networkInterfaces";
    private static final String VMS = "Microsoft.Compute/virtualMachines";

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
        STUBS.arm.slowOperations(1, "0");
        session = new AzureDriverFactory().connect(AzureStubs.credentials(), STUBS.settings("azure-network",
                Map.of("fault.timeout", "PT10S", "fault.retry-base", "PT0.01S")));
        firewalls = session.firewalls().orElseThrow();
        addresses = session.addresses().orElseThrow();
    }

    @AfterEach
    void close() {
        session.close();
    }

    private static InstanceSpec inFirewalls(String... firewallIds) {
        return new InstanceSpec("ubuntu-2204-base", null, null, Map.of(), null, null, null, List.of(firewallIds));
    }

    private static String name() {
        return "fw-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void firewallRulesBecomeInboundAllowRulesWithFreePriorities() {
        Firewall firewall = firewalls.create(name(), "web tier");
        try {
            assertThat(firewall.description()).isEqualTo("web tier");
            firewalls.addRule(firewall.id(), new FirewallRuleSpec("tcp", 443, 443,
                    List.of("10.1.0.0/16", "2001:db8::/32"), List.of()));
            Firewall twoRules = firewalls.addRule(firewall.id(), new FirewallRuleSpec("udp", 5000, 5010, List.of(),
                    List.of()));

            assertThat(twoRules.rules()).extracting(FirewallRule::protocol).containsExactlyInAnyOrder("tcp", "udp");
            FirewallRule https = twoRules.rules().stream().filter(r -> r.protocol().equals("tcp")).findFirst()
                    .orElseThrow();
            assertThat(https.fromPort()).isEqualTo(443);
            assertThat(https.sourceCidrs()).containsExactly("10.1.0.0/16", "2001:db8::/32");
            FirewallRule range = twoRules.rules().stream().filter(r -> r.protocol().equals("udp")).findFirst()
                    .orElseThrow();
            assertThat(range.toPort()).isEqualTo(5010);
            assertThat(range.sourceCidrs()).containsExactly("0.0.0.0/0");
            assertThat(firewalls.list()).extracting(Firewall::id).contains(firewall.id());
        } finally {
            firewalls.delete(firewall.id());
        }
        assertThatThrownBy(() -> firewalls.get(firewall.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void refusesWhatAzureRulesCannotSayAndTakenNames() {
        Firewall firewall = firewalls.create(name(), null);
        try {
            assertThatThrownBy(() -> firewalls.addRule(firewall.id(), new FirewallRuleSpec("tcp", 22, 22, List.of(),
                    List.of(firewall.id())))).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("address prefixes");
            assertThatThrownBy(() -> firewalls.addRule(firewall.id(), new FirewallRuleSpec("gre", 0, 0, List.of(),
                    List.of()))).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> firewalls.create(firewall.id(), "again"))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> firewalls.deleteRule(firewall.id(), "rule-none"))
                    .isInstanceOf(NotFoundException.class);
            assertThat(firewalls.get(firewall.id()).rules()).isEmpty();
        } finally {
            firewalls.delete(firewall.id());
        }
    }

    @Test
    void createsFollowTheAsyncOperationAndWaitItsRetryAfter() {
        STUBS.arm.slowOperations(2, "1");
        int polls = STUBS.arm.operationStatusReads();
        long started = System.nanoTime();
        Firewall firewall = firewalls.create(name(), "slow");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        try {
            // two InProgress answers and the Succeeded one, each poll after the one second asked for
            assertThat(STUBS.arm.operationStatusReads() - polls).isEqualTo(3);
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        } finally {
            STUBS.arm.slowOperations(0, "0");
            firewalls.delete(firewall.id());
        }
    }

    @Test
    void aCreateWhoseAnswerIsLostMakesOneGroup() {
        int before = STUBS.arm.count(NSGS);
        STUBS.arm.loseNextAnswerTo("PUT", NSGS);
        String name = name();
        Firewall firewall = firewalls.create(name, "lost answer");
        try {
            assertThat(firewall.id()).isEqualTo(name);
            assertThat(STUBS.arm.count(NSGS)).isEqualTo(before + 1);
            assertThat(STUBS.arm.putsOf(NSGS, name)).isEqualTo(2);
        } finally {
            firewalls.delete(firewall.id());
        }
    }

    @Test
    void addressesMoveToAnInstanceAndBack() {
        int before = STUBS.arm.count(IPS);
        String vm = session.createInstance(InstanceSpec.ofImage("ubuntu-2204-base")).id();
        Address address = addresses.create();
        try {
            assertThat(address.ipAddress()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
            assertThat(address.instanceId()).isNull();
            assertThat(STUBS.arm.count(IPS)).as("the VM's own and the new one").isEqualTo(before + 2);

            Address associated = addresses.associate(address.id(), vm);
            assertThat(associated.instanceId()).isEqualTo(vm);
            assertThat(addresses.list()).filteredOn(a -> a.id().equals(address.id()))
                    .extracting(Address::instanceId).containsExactly(vm);
            assertThat(session.instance(vm).publicAddresses()).extracting(InstanceAddress::address)
                    .contains(address.ipAddress());
            assertThatThrownBy(() -> addresses.associate(address.id(), vm))
                    .isInstanceOf(InvalidStateException.class);
            assertThatThrownBy(() -> addresses.delete(address.id())).isInstanceOf(InvalidStateException.class);

            assertThat(addresses.disassociate(address.id()).instanceId()).isNull();
            assertThat(session.instance(vm).publicAddresses()).extracting(InstanceAddress::address)
                    .doesNotContain(address.ipAddress());
            assertThatThrownBy(() -> addresses.disassociate(address.id())).isInstanceOf(InvalidStateException.class);
            assertThatThrownBy(() -> addresses.associate(address.id(), "no-such-vm"))
                    .isInstanceOf(InvalidArgumentException.class);
        } finally {
            addresses.delete(address.id());
            session.destroy(vm);
        }
        assertThatThrownBy(() -> addresses.get(address.id())).isInstanceOf(NotFoundException.class);
        assertThat(STUBS.arm.count(IPS)).isEqualTo(before);
    }

    @Test
    void instancesAreCreatedInOneFirewallWhichThenCannotBeDeleted() {
        Firewall firewall = firewalls.create(name(), "web");
        String vm = null;
        try {
            int vms = STUBS.arm.count(VMS);
            int nics = STUBS.arm.count(NICS);
            assertThatThrownBy(() -> session.createInstance(inFirewalls(firewall.id(), "other")))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("one network security group").hasMessageContaining("not 2");
            assertThat(STUBS.arm.count(VMS)).isEqualTo(vms);
            assertThat(STUBS.arm.count(NICS)).isEqualTo(nics);
            assertThatThrownBy(() -> session.createInstance(inFirewalls("no-such-group"))).isInstanceOf(InvalidArgumentException.class);

            vm = session.createInstance(inFirewalls(firewall.id())).id();
            assertThat(session.instance(vm).firewallIds()).containsExactly(firewall.id());
            assertThatThrownBy(() -> firewalls.delete(firewall.id())).isInstanceOf(InvalidStateException.class);
        } finally {
            if (vm != null) {
                session.destroy(vm);
            }
            firewalls.delete(firewall.id());
        }
    }
}
