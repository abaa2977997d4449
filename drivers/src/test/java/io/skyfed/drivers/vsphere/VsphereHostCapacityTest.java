package io.skyfed.drivers.vsphere;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.skyfed.drivers.spi.AuthenticationFailedException;
import io.skyfed.drivers.spi.CapacityFigure;
import io.skyfed.drivers.spi.CapacityReport;
import io.skyfed.drivers.spi.CapacityResource;
import io.skyfed.drivers.spi.CircuitState;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Capacity limits from the hosts through the VI JSON API (vCenter 8.0 U1+), the fallback to configured limits
 * where vCenter does not serve it, and the faults of those reads. The seeded vCenter: DC-Lab (datacenter-3) with
 * host-12 (64 logical CPUs, 256 GiB), host-15 (48, 128 GiB) and host-18 (64, 256 GiB, in maintenance mode), and
 * one powered-on VM of 4 vCPUs and 8 GiB; DC-Edge (datacenter-21) whose only host, host-28, does not respond.
 */
class VsphereHostCapacityTest {

    private static final VsphereStubs STUBS = new VsphereStubs();
    private static final AtomicInteger PROVIDERS = new AtomicInteger();
    private static final String RELEASE = "8.0.1.0";
    private static final String SDK = "/sdk/vim25/" + RELEASE;
    private static final String LOGIN = SDK + "/SessionManager/SessionManager/Login";
    private static final String HOST_12 = SDK + "/HostSystem/host-12/summary";
    private static final long GIB_IN_MB = 1024;

    private final VsphereDriverFactory factory = new VsphereDriverFactory();
    private String providerId;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void reset() {
        STUBS.resetFaults();
    }

    @AfterEach
    void serveAgain() {
        STUBS.vcenter.serveViJson(true);
    }

    private DriverSession connect(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of("fault.timeout", "PT3S", "fault.max-retries", "2",
                "fault.retry-base", "PT0.01S", "fault.retry-max-delay", "PT2S", "capacity.vcpus", "64",
                "capacity.memory-mb", "262144"));
        properties.putAll(extra);
        providerId = "vsphere-hosts-" + PROVIDERS.incrementAndGet();
        return factory.connect(VsphereStubs.credentials(), STUBS.settings(providerId, properties));
    }

    private static CapacityFigure figure(CapacityReport report, CapacityResource resource, String realm) {
        return report.figures().stream().filter(f -> f.resource() == resource
                && java.util.Objects.equals(f.realmId(), realm)).findFirst().orElseThrow();
    }

    private static List<LoggedRequest> gets(String path) {
        return STUBS.server.findAll(getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void limitsComeFromConnectedHostsOutsideMaintenanceTimesTheAllocationRatio() {
        CapacityReport report = connect(Map.of("vi-json-release", RELEASE, "cpu-allocation-ratio", "4"))
                .capacity().orElseThrow().capacity();
        // host-12 and host-15 count; host-18 is in maintenance mode, host-28 does not respond.
        long labCpus = (64 + 48) * 4;
        long labMemory = (256 + 128) * GIB_IN_MB;
        assertThat(figure(report, CapacityResource.VCPUS, "datacenter-3"))
                .isEqualTo(new CapacityFigure(CapacityResource.VCPUS, "datacenter-3", 4, labCpus));
        assertThat(figure(report, CapacityResource.MEMORY_MB, "datacenter-3"))
                .isEqualTo(new CapacityFigure(CapacityResource.MEMORY_MB, "datacenter-3", 8192, labMemory));
        assertThat(figure(report, CapacityResource.VCPUS, "datacenter-21"))
                .as("a datacenter without a usable host offers nothing")
                .isEqualTo(new CapacityFigure(CapacityResource.VCPUS, "datacenter-21", 0, 0));
        assertThat(figure(report, CapacityResource.MEMORY_MB, "datacenter-21"))
                .isEqualTo(new CapacityFigure(CapacityResource.MEMORY_MB, "datacenter-21", 0, 0));
        assertThat(report.total(CapacityResource.VCPUS)).as("the hosts' figures, not capacity.vcpus")
                .contains(new CapacityFigure(CapacityResource.VCPUS, null, 4, labCpus));
        assertThat(report.total(CapacityResource.MEMORY_MB))
                .contains(new CapacityFigure(CapacityResource.MEMORY_MB, null, 8192, labMemory));
        assertThat(gets(SDK + "/HostSystem/host-28/summary")).as("hosts the Automation API reports not connected "
                + "are not read").isEmpty();
        assertThat(gets(SDK + "/HostSystem/host-18/summary")).hasSize(1);
    }

    @Test
    void withoutAReleaseTheConfiguredLimitsStandAndNoViJsonCallIsMade() {
        CapacityReport report = connect(Map.of()).capacity().orElseThrow().capacity();
        assertThat(report.total(CapacityResource.VCPUS)).contains(new CapacityFigure(CapacityResource.VCPUS, null,
                4, 64));
        assertThat(figure(report, CapacityResource.VCPUS, "datacenter-3").limit()).isEqualTo(CapacityFigure.UNLIMITED);
        assertThat(STUBS.server.findAll(postRequestedFor(urlPathMatching("/sdk/.*")))).isEmpty();
    }

    @Test
    void aVcenterWithoutViJsonFallsBackToTheConfiguredLimits() {
        STUBS.vcenter.serveViJson(false);
        CapacityReport report = connect(Map.of("vi-json-release", RELEASE)).capacity().orElseThrow().capacity();
        assertThat(report.total(CapacityResource.VCPUS)).contains(new CapacityFigure(CapacityResource.VCPUS, null,
                4, 64));
        assertThat(report.total(CapacityResource.MEMORY_MB)).contains(new CapacityFigure(
                CapacityResource.MEMORY_MB, null, 8192, 262144));
        assertThat(figure(report, CapacityResource.MEMORY_MB, "datacenter-3").limit())
                .isEqualTo(CapacityFigure.UNLIMITED);
        assertThat(STUBS.server.findAll(postRequestedFor(urlPathEqualTo(LOGIN)))).as("one refused login, no retry")
                .hasSize(1);
        assertThat(STUBS.server.findAll(getRequestedFor(urlPathMatching("/sdk/.*")))).isEmpty();
    }

    @Test
    void aReleaseVcenterDoesNotServeFallsBackToo() {
        CapacityReport report = connect(Map.of("vi-json-release", "9.9.0.0")).capacity().orElseThrow().capacity();
        assertThat(report.total(CapacityResource.VCPUS)).contains(new CapacityFigure(CapacityResource.VCPUS, null,
                4, 64));
    }

    @Test
    void unavailableHostReadWaitsForRetryAfter() {
        DriverSession session = connect(Map.of("vi-json-release", RELEASE));
        failOnce(HOST_12, aResponse().withStatus(503).withHeader("Retry-After", "1").withBody("vpxd restarting"));
        CapacityReport report = session.capacity().orElseThrow().capacity();
        assertThat(report.total(CapacityResource.VCPUS).orElseThrow().limit()).isEqualTo(64 + 48);
        List<LoggedRequest> calls = gets(HOST_12);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime())
                .isGreaterThanOrEqualTo(1_000);
    }

    @Test
    void malformedHostSummaryFailsTheReportWithoutRetrying() {
        DriverSession session = connect(Map.of("vi-json-release", RELEASE));
        STUBS.server.stubFor(get(urlPathEqualTo(HOST_12)).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"_typeName\":\"HostListSummary\",")));
        assertThatThrownBy(() -> session.capacity().orElseThrow().capacity())
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("unreadable");
        assertThat(gets(HOST_12)).hasSize(1);
    }

    @Test
    void hostSummaryWithoutItsHardwareNumbersIsRefused() {
        DriverSession session = connect(Map.of("vi-json-release", RELEASE));
        STUBS.server.stubFor(get(urlPathEqualTo(HOST_12)).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"_typeName\":\"HostListSummary\","
                        + "\"runtime\":{\"connectionState\":\"connected\"},\"hardware\":{\"numCpuThreads\":\"many\"}}")));
        assertThatThrownBy(() -> session.capacity().orElseThrow().capacity())
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("numCpuThreads");
    }

    @Test
    void expiredViJsonSessionLogsInAgainOnceAndTheReadSucceeds() {
        DriverSession session = connect(Map.of("vi-json-release", RELEASE));
        assertThat(session.capacity().orElseThrow().capacity().total(CapacityResource.VCPUS).orElseThrow().limit())
                .isEqualTo(64 + 48);
        int logins = STUBS.vcenter.viJsonLogins();
        STUBS.vcenter.expireSessions();
        assertThat(session.capacity().orElseThrow().capacity().total(CapacityResource.VCPUS).orElseThrow().limit())
                .isEqualTo(64 + 48);
        assertThat(STUBS.vcenter.viJsonLogins()).as("one new VI JSON session").isEqualTo(logins + 1);
        assertThat(STUBS.server.findAll(postRequestedFor(urlPathEqualTo(LOGIN))))
                .as("the first VI JSON login and one after the expiry").hasSize(2);
        assertThat(STUBS.server.findAll(postRequestedFor(urlPathEqualTo(LOGIN))).get(0).getBodyAsString())
                .contains("\"userName\":\"" + VsphereFake.USER + "\"");
    }

    @Test
    void refusedViJsonLoginIsReportedAsRefusedCredentialsAndDoesNotTripTheBreaker() {
        STUBS.server.stubFor(post(urlPathEqualTo(LOGIN)).atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"_typeName\":\"InvalidLogin\","
                        + "\"faultMessage\":[{\"_typeName\":\"LocalizableMessage\",\"key\":\"vim.fault.InvalidLogin\","
                        + "\"message\":\"Cannot complete login due to an incorrect user name or password.\"}]}")));
        DriverSession session = connect(Map.of("vi-json-release", RELEASE, "fault.breaker-window", "4"));
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> session.capacity().orElseThrow().capacity())
                    .isInstanceOf(AuthenticationFailedException.class).hasMessageNotContaining(VsphereFake.PASSWORD);
        }
        assertThat(STUBS.server.findAll(postRequestedFor(urlPathEqualTo(LOGIN)))).as("never retried").hasSize(5);
        assertThat(factory.health(providerId).orElseThrow().circuit()).isEqualTo(CircuitState.CLOSED);
    }

    private static void failOnce(String path, ResponseDefinitionBuilder fault) {
        STUBS.server.stubFor(get(urlPathEqualTo(path)).atPriority(1).inScenario("once " + path)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(fault).willSetStateTo("failed"));
    }
}
