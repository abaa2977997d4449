package io.skyfed.drivers.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A VM create returns once Resource Manager accepts it; a VM delete is followed to its end (its Azure-AsyncOperation
 * polled, each poll after the Retry-After asked for) before the NIC, public IP and OS disk it held are deleted, and a
 * delete that fails or does not finish in time is reported, with the parts left in place.
 */
class AzureVmOperationsTest {

    private static final AzureStubs STUBS = new AzureStubs();
    private static final AtomicInteger PROVIDERS = new AtomicInteger();
    private static final String IMAGE = "ubuntu-2204-base";
    private static final String VMS = "Microsoft.Compute/virtualMachines";
    private static final String NICS = "Microsoft.Network/networkInterfaces";
    private static final String IPS = "Microsoft.Network/publicIPAddresses";
    private static final String DISKS = "Microsoft.Compute/disks";

    private DriverSession session;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        STUBS.resetFaults();
        STUBS.arm.slowVmDeletes(0, "0");
        session = connect(Map.of());
    }

    private static DriverSession connect(Map<String, String> extra) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("fault.timeout", "PT10S",
                "fault.retry-base", "PT0.01S"));
        settings.putAll(extra);
        return new AzureDriverFactory().connect(AzureStubs.credentials(),
                STUBS.settings("azure-vm-ops-" + PROVIDERS.incrementAndGet(), settings));
    }

    @AfterEach
    void close() {
        session.close();
    }

    /** How many resources of each kind a VM's creation makes: the VM, its NIC, public IP and OS disk. */
    private record Counts(int vms, int nics, int ips, int disks) {
        static Counts now() {
            return new Counts(STUBS.arm.count(VMS), STUBS.arm.count(NICS), STUBS.arm.count(IPS),
                    STUBS.arm.count(DISKS));
        }
    }

    @Test
    void aCreateReturnsOnceAcceptedWithTheInstancePending() {
        Instance vm = session.createInstance(InstanceSpec.ofImage(IMAGE));
        try {
            assertThat(vm.state()).isEqualTo(InstanceState.PENDING);
        } finally {
            session.destroy(vm.id());
        }
    }

    @Test
    void aDestroyFollowsTheDeleteThroughSeveralPollsThenDeletesTheParts() {
        Counts before = Counts.now();
        Instance vm = session.createInstance(InstanceSpec.ofImage(IMAGE));
        assertThat(Counts.now()).isEqualTo(new Counts(before.vms + 1, before.nics + 1, before.ips + 1,
                before.disks + 1));
        STUBS.arm.slowVmDeletes(2, "1");
        int polls = STUBS.arm.vmDeleteStatusReads();
        long started = System.nanoTime();
        session.destroy(vm.id());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        // two InProgress answers, then Succeeded; the DELETE's answer and each InProgress one asked for a second
        assertThat(STUBS.arm.vmDeleteStatusReads() - polls).isEqualTo(3);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(Counts.now()).as("VM, NIC, public IP and OS disk are gone").isEqualTo(before);
    }

    @Test
    void aDeleteThatFailsIsReportedAndLeavesTheVmAndItsParts() {
        Counts before = Counts.now();
        Instance vm = session.createInstance(InstanceSpec.ofImage(IMAGE));
        session.instance(vm.id()); // provisioned: running
        STUBS.arm.failNextVmDelete("InternalExecutionError", "An internal execution error occurred.");
        assertThatThrownBy(() -> session.destroy(vm.id()))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("DeleteVirtualMachine of instance " + vm.id())
                .hasMessageContaining("failed: InternalExecutionError: An internal execution error occurred.");
        assertThat(session.instance(vm.id()).state()).isEqualTo(InstanceState.RUNNING);
        assertThat(Counts.now()).isEqualTo(new Counts(before.vms + 1, before.nics + 1, before.ips + 1,
                before.disks + 1));

        STUBS.arm.failNextVmDelete("OperationNotAllowed", "The operation is not allowed while a backup runs.");
        assertThatThrownBy(() -> session.destroy(vm.id())).isInstanceOf(InvalidStateException.class)
                .hasMessageContaining("OperationNotAllowed");

        session.destroy(vm.id());
        assertThat(Counts.now()).isEqualTo(before);
    }

    @Test
    void aPollAnsweredUnavailableIsRepeated() {
        Counts before = Counts.now();
        Instance vm = session.createInstance(InstanceSpec.ofImage(IMAGE));
        STUBS.server.stubFor(get(urlPathMatching("(?i)/subscriptions/[^/]+/providers/Microsoft.Compute/locations/"
                + "[^/]+/operations/.*")).atPriority(1).inScenario("poll").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")
                        .withBody(ArmFake.errorJson("ServiceUnavailable", "injected")))
                .willSetStateTo("answered"));
        session.destroy(vm.id());
        assertThat(Counts.now()).isEqualTo(before);
    }

    @Test
    void aDeleteThatOutlastsTheOperationTimeoutIsReportedAndLeavesTheParts() {
        Counts before = Counts.now();
        try (DriverSession impatient = connect(Map.of("operation-timeout", "PT2S"))) {
            Instance vm = impatient.createInstance(InstanceSpec.ofImage(IMAGE));
            STUBS.arm.slowVmDeletes(10, "1");
            assertThatThrownBy(() -> impatient.destroy(vm.id()))
                    .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("did not finish within PT2S");
            assertThat(STUBS.arm.deleting(vm.id())).isTrue();
            assertThat(impatient.instance(vm.id()).state()).isEqualTo(InstanceState.SHUTTING_DOWN);
            assertThat(Counts.now()).as("the parts stay while the VM holds them").isEqualTo(
                    new Counts(before.vms + 1, before.nics + 1, before.ips + 1, before.disks + 1));
        }
    }
}
