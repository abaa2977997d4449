package io.skyfed.drivers.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Firewall;
import io.skyfed.drivers.spi.FirewallService;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InvalidArgumentException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Instances created in firewalls (Neutron security groups), and the firewalls they show, read from their ports. */
class OpenStackFirewallPlacementTest {

    private static final NovaStubs STUBS = new NovaStubs();
    private static final String IMAGE = "70a599e0-31e7-49b7-b260-868f441e862b";
    private static final String WEB_1 = "5d3a1f6e-2b4c-4e8f-9a1b-3c5d7e9f0a2b";

    private DriverSession session;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        session = new OpenStackDriverFactory().connect(NovaStubs.credentials(),
                STUBS.settings("openstack-firewall-placement", Map.of("fault.timeout", "PT10S")));
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void anInstanceCreatedInAFirewallShowsIt() {
        FirewallService firewalls = session.firewalls().orElseThrow();
        Firewall web = firewalls.create("web-placement", "http in");
        Instance created = session.createInstance(new InstanceSpec(IMAGE, null, null, Map.of(), null, null, null,
                List.of(web.id())));
        try {
            assertThat(created.firewallIds()).containsExactly(web.id());
            assertThat(session.instances()).filteredOn(i -> i.id().equals(created.id()))
                    .singleElement().extracting(Instance::firewallIds).isEqualTo(List.of(web.id()));
            assertThat(session.instance(WEB_1).firewallIds()).as("the default group").hasSize(1)
                    .doesNotContain(web.id());
        } finally {
            session.destroy(created.id());
            firewalls.delete(web.id());
        }
    }

    @Test
    void anUnknownFirewallIsRefusedBeforeAnythingIsCreated() {
        int creates = STUBS.nova.creates();
        assertThatThrownBy(() -> session.createInstance(new InstanceSpec(IMAGE, null, null, Map.of(), null, null, null,
                List.of("0b6c2a4e-0000-4000-8000-00000000dead"))))
                .isInstanceOf(InvalidArgumentException.class)
                .extracting(e -> ((InvalidArgumentException) e).parameter()).isEqualTo("firewalls");
        assertThat(STUBS.nova.creates()).isEqualTo(creates);
    }
}
