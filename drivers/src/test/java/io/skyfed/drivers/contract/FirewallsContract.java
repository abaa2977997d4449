package io.skyfed.drivers.contract;

import io.skyfed.drivers.spi.Firewall;
import io.skyfed.drivers.spi.FirewallDirection;
import io.skyfed.drivers.spi.FirewallRule;
import io.skyfed.drivers.spi.FirewallRuleSpec;
import io.skyfed.drivers.spi.FirewallService;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.NotFoundException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.skyfed.drivers.contract.DriverContractTest.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of the firewalls collection, for drivers that declare it. */
public interface FirewallsContract extends DriverUnderTest {

    /** Whether the provider's firewalls take egress rules; those that do not refuse them. */
    default boolean firewallsHaveEgressRules() {
        return false;
    }

    private static List<FirewallRule> inDirection(Firewall firewall, FirewallDirection direction) {
        return firewall.rules().stream().filter(r -> r.direction() == direction).toList();
    }

    @Test
    default void firewallsHoldRulesAndRefuseBadOnes() {
        FirewallService firewalls = session().firewalls().orElseThrow();
        Firewall firewall = firewalls.create(uniqueName("fw"), "contract test");
        try {
            Firewall withRule = firewalls.addRule(firewall.id(),
                    new FirewallRuleSpec("tcp", 8000, 8010, List.of("10.1.0.0/16"), List.of()));
            assertThat(inDirection(withRule, FirewallDirection.INGRESS)).hasSize(1);
            String ruleId = inDirection(withRule, FirewallDirection.INGRESS).get(0).id();
            assertThatThrownBy(() -> firewalls.addRule(firewall.id(),
                    new FirewallRuleSpec("tcp", 9000, 8000, List.of("10.1.0.0/16"), List.of())))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> firewalls.addRule(firewall.id(),
                    new FirewallRuleSpec("tcp", 80, 80, List.of("10.1.0.0/99"), List.of())))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThat(inDirection(firewalls.deleteRule(firewall.id(), ruleId), FirewallDirection.INGRESS)).isEmpty();
        } finally {
            firewalls.delete(firewall.id());
        }
        assertThatThrownBy(() -> firewalls.get(firewall.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    default void egressRulesAreKeptApartFromIngressOrRefused() {
        FirewallService firewalls = session().firewalls().orElseThrow();
        Firewall firewall = firewalls.create(uniqueName("fw"), "contract test");
        try {
            FirewallRuleSpec out = new FirewallRuleSpec("tcp", 5432, 5432, List.of("10.2.0.0/16"), List.of(),
                    FirewallDirection.EGRESS);
            if (!firewallsHaveEgressRules()) {
                assertThatThrownBy(() -> firewalls.addRule(firewall.id(), out))
                        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("ingress rules only");
                assertThat(firewalls.get(firewall.id()).rules()).isEqualTo(firewall.rules());
                return;
            }
            Firewall withRule = firewalls.addRule(firewall.id(), out);
            assertThat(inDirection(withRule, FirewallDirection.INGRESS)).isEmpty();
            FirewallRule added = inDirection(withRule, FirewallDirection.EGRESS).stream()
                    .filter(r -> r.sourceCidrs().contains("10.2.0.0/16")).findFirst().orElseThrow();
            assertThat(added.fromPort()).isEqualTo(5432);
            assertThat(firewalls.deleteRule(firewall.id(), added.id()).rules()).extracting(FirewallRule::id)
                    .doesNotContain(added.id());
        } finally {
            firewalls.delete(firewall.id());
        }
    }
}
