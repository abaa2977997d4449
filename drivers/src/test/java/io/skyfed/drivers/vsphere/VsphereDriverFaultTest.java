package io.skyfed.drivers.vsphere;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.skyfed.drivers.contract.DriverContractTest;
import io.skyfed.drivers.spi.AuthenticationFailedException;
import io.skyfed.drivers.spi.CircuitState;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults in front of vCenter's Automation API, seen through the vsphere driver. */
class VsphereDriverFaultTest {

    private static final VsphereStubs STUBS = new VsphereStubs();
    private static final AtomicInteger PROVIDERS = new AtomicInteger();
    private static final String DATACENTERS = "/api/vcenter/datacenter";
    private static final String VMS = "/api/vcenter/vm";
    private static final String TEMPLATE = "5c9d2c8e-8a3b-4c1e-9f3a-2b7d6e1a0f11";
    private static final String DEPLOY = "/api/vcenter/vm-template/library-items/" + TEMPLATE;

    private final VsphereDriverFactory factory = new VsphereDriverFactory();
    private String providerId;
    private DriverSession session;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        STUBS.resetFaults();
        providerId = "vsphere-faults-" + PROVIDERS.incrementAndGet();
        session = factory.connect(VsphereStubs.credentials(), STUBS.settings(providerId, Map.of(
                "fault.timeout", "PT3S", "fault.max-retries", "2", "fault.retry-base", "PT0.01S",
                "fault.retry-max-delay", "PT2S", "fault.breaker-window", "4", "fault.breaker-delay", "PT60S")));
    }

    private static void failOnce(Function<com.github.tomakehurst.wiremock.matching.UrlPattern, MappingBuilder> verb,
                                 String path, ResponseDefinitionBuilder fault) {
        STUBS.server.stubFor(verb.apply(urlPathEqualTo(path)).atPriority(1).inScenario("once " + path)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(fault).willSetStateTo("failed"));
    }

    private static List<LoggedRequest> gets(String path) {
        return STUBS.server.findAll(getRequestedFor(urlPathEqualTo(path)));
    }

    private static ResponseDefinitionBuilder vsphereError(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error_type\":\"" + type + "\",\"messages\":[{\"id\":\"vapi.fault\",\"default_message\":\""
                        + message + "\",\"args\":[]}]}");
    }

    @Test
    void throttledReadWaitsForRetryAfter() {
        failOnce(com.github.tomakehurst.wiremock.client.WireMock::get, DATACENTERS,
                aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("Too Many Requests"));
        assertThat(session.realms()).hasSize(2);
        List<LoggedRequest> calls = gets(DATACENTERS);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime())
                .isGreaterThanOrEqualTo(1_000);
    }

    @Test
    void unavailableReadIsRetried() {
        failOnce(com.github.tomakehurst.wiremock.client.WireMock::get, VMS,
                vsphereError(503, "SERVICE_UNAVAILABLE", "The vpxd service is not running."));
        assertThat(session.instances()).isNotEmpty();
    }

    @Test
    void resetReadIsRetried() {
        failOnce(com.github.tomakehurst.wiremock.client.WireMock::get, DATACENTERS,
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        assertThat(session.realms()).isNotEmpty();
        assertThat(gets(DATACENTERS)).hasSize(2);
    }

    @Test
    void serverErrorReadIsRetried() {
        failOnce(com.github.tomakehurst.wiremock.client.WireMock::get, DATACENTERS,
                vsphereError(500, "ERROR", "A general system error occurred."));
        assertThat(session.realms()).isNotEmpty();
        assertThat(gets(DATACENTERS)).hasSize(2);
    }

    @Test
    void deployWhoseAnswerIsLostIsFoundByItsNameNotRepeated() {
        String name = DriverContractTest.uniqueName("lost");
        int before = STUBS.vcenter.deploys();
        STUBS.vcenter.loseNextDeployAnswer();
        Instance created = session.createInstance(new InstanceSpec(TEMPLATE, null, null, Map.of(), name, null, null,
                List.of()));
        assertThat(STUBS.vcenter.deploys() - before).isEqualTo(1);
        assertThat(STUBS.server.findAll(postRequestedFor(urlPathEqualTo(DEPLOY)))).hasSize(1);
        assertThat(STUBS.vcenter.vmsNamed(name)).isEqualTo(1);
        assertThat(created.name()).isEqualTo(name);
        assertThat(created.state()).isEqualTo(InstanceState.RUNNING);
        session.destroy(created.id());
        assertThat(STUBS.vcenter.vmsNamed(name)).isZero();
    }

    @Test
    void deployRefusedBeforeItRanIsTriedAgainAndMakesOneVm() {
        String name = DriverContractTest.uniqueName("busy");
        int before = STUBS.vcenter.deploys();
        failOnce(com.github.tomakehurst.wiremock.client.WireMock::post, DEPLOY,
                vsphereError(503, "SERVICE_UNAVAILABLE", "Content library service is starting."));
        Instance created = session.createInstance(new InstanceSpec(TEMPLATE, null, null, Map.of(), name, null, null,
                List.of()));
        assertThat(STUBS.server.findAll(postRequestedFor(urlPathEqualTo(DEPLOY)))).hasSize(2);
        assertThat(STUBS.vcenter.deploys() - before).isEqualTo(1);
        assertThat(STUBS.vcenter.vmsNamed(name)).isEqualTo(1);
        session.destroy(created.id());
    }

    @Test
    void powerOperationsAreNotRepeated() {
        String name = DriverContractTest.uniqueName("power");
        Instance created = session.createInstance(new InstanceSpec(TEMPLATE, null, null, Map.of(), name, null, null,
                List.of()));
        String power = VMS + "/" + created.id() + "/power";
        failOnce(com.github.tomakehurst.wiremock.client.WireMock::post, power,
                vsphereError(503, "SERVICE_UNAVAILABLE", "The vpxd service is not running."));
        assertThatThrownBy(() -> session.stop(created.id())).isInstanceOf(ProviderUnavailableException.class);
        assertThat(STUBS.server.findAll(postRequestedFor(urlPathEqualTo(power)))).hasSize(1);
        assertThat(session.stop(created.id()).state()).isEqualTo(InstanceState.STOPPED);
        session.destroy(created.id());
    }

    @Test
    void persistentServerErrorOpensTheBreaker() {
        STUBS.server.stubFor(get(urlPathEqualTo(DATACENTERS)).atPriority(1)
                .willReturn(vsphereError(500, "ERROR", "A general system error occurred.")));
        assertThatThrownBy(session::realms).isInstanceOf(ProviderUnavailableException.class);
        assertThatThrownBy(session::realms).isInstanceOf(ProviderUnavailableException.class);
        assertThat(factory.health(providerId).orElseThrow().circuit()).isEqualTo(CircuitState.OPEN);
        int calls = gets(DATACENTERS).size();
        assertThatThrownBy(session::realms).hasMessageContaining("circuit breaker open");
        assertThat(gets(DATACENTERS)).hasSize(calls);
    }

    @Test
    void slowAnswerTimesOut() {
        STUBS.server.stubFor(get(urlPathEqualTo(DATACENTERS)).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[]").withFixedDelay(5_000)));
        assertThatThrownBy(session::realms).isInstanceOf(ProviderUnavailableException.class)
                .satisfies(e -> assertThat(((ProviderUnavailableException) e).timeout()).isTrue());
    }

    @Test
    void malformedBodyIsNotRetried() {
        STUBS.server.stubFor(get(urlPathEqualTo(DATACENTERS)).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[{\"datacenter\":")));
        assertThatThrownBy(session::realms).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("unreadable");
        assertThat(gets(DATACENTERS)).hasSize(1);
    }

    @Test
    void expiredSessionLogsInAgainOnceAndTheCallSucceeds() {
        assertThat(session.realms()).isNotEmpty();
        int logins = STUBS.vcenter.logins();
        STUBS.vcenter.expireSessions();
        assertThat(session.instances()).isNotEmpty();
        assertThat(STUBS.vcenter.logins()).as("one new session").isEqualTo(logins + 1);
        assertThat(STUBS.server.findAll(postRequestedFor(urlPathEqualTo("/api/session"))))
                .as("the first login and one after the expiry").hasSize(2);
    }

    @Test
    void refusedCredentialsAreReportedQuicklyAndDoNotTripTheBreaker() {
        DriverSession wrong = factory.connect(new Credentials(VsphereFake.USER, "expired-password"),
                STUBS.settings(providerId, Map.of("fault.breaker-window", "4")));
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(wrong::realms).isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageNotContaining("expired-password");
        }
        assertThat(STUBS.server.findAll(postRequestedFor(urlPathEqualTo("/api/session")))).hasSize(5);
        assertThat(factory.health(providerId).orElseThrow().circuit()).isEqualTo(CircuitState.CLOSED);
    }
}
