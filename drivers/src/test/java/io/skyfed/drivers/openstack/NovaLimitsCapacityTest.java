package io.skyfed.drivers.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyfed.drivers.spi.CapacityReport;
import io.skyfed.drivers.spi.CapacityResource;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The project's quota and usage, as Nova's absolute limits report them, move with what runs. */
class NovaLimitsCapacityTest {

    private static final NovaStubs STUBS = new NovaStubs();

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @Test
    void quotasAndUsageFollowTheServers() {
        DriverSession session = new OpenStackDriverFactory().connect(NovaStubs.credentials(),
                STUBS.settings("limits", Map.of()));
        CapacityReport before = session.capacity().orElseThrow().capacity();
        assertThat(before.total(CapacityResource.VCPUS).orElseThrow().limit()).isEqualTo(20);
        assertThat(before.total(CapacityResource.VCPUS).orElseThrow().used()).isEqualTo(1);
        assertThat(before.total(CapacityResource.MEMORY_MB).orElseThrow().used()).isEqualTo(2048);

        Instance large = session.createInstance(new InstanceSpec("70a599e0-31e7-49b7-b260-868f441e862b", null, "4",
                Map.of(), "big", null, null, List.of()));
        CapacityReport after = session.capacity().orElseThrow().capacity();
        assertThat(after.total(CapacityResource.VCPUS).orElseThrow().used()).isEqualTo(1 + 4);
        assertThat(after.total(CapacityResource.MEMORY_MB).orElseThrow().used()).isEqualTo(2048 + 8192);
        assertThat(after.total(CapacityResource.INSTANCES).orElseThrow().free()).isEqualTo(10 - 2);
        session.destroy(large.id());
    }
}
