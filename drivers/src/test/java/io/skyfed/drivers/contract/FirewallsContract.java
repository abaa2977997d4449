package io.skyfed.drivers.contract;

import io.skyfed.drivers.spi.Firewall;
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

    @Test
    default void firewallsHoldRulesAndRefuseBadOnes() {
        FirewallService firewalls = session().firewalls().orElseThrow();
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
}
