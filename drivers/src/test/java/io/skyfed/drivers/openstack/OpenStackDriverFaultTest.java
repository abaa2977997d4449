package io.skyfed.drivers.openstack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.skyfed.drivers.spi.AuthenticationFailedException;
import io.skyfed.drivers.spi.CircuitState;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults in front of Keystone and Nova, seen through the openstack driver. */
class OpenStackDriverFaultTest {

    private static final NovaStubs STUBS = new NovaStubs();
    private static final AtomicInteger PROVIDERS = new AtomicInteger();
    private static final String SERVERS = "/compute/v2.1/" + NovaFake.PROJECT_ID + "/servers";
    private static final String FLAVORS = "/compute/v2.1/" + NovaFake.PROJECT_ID + "/flavors/detail";
    private static final String IMAGE = "70a599e0-31e7-49b7-b260-868f441e862b";

    private final OpenStackDriverFactory factory = new OpenStackDriverFactory();
    private String providerId;
    private DriverSession session;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        STUBS.resetFaults();
        providerId = "openstack-faults-" + PROVIDERS.incrementAndGet();
        session = factory.connect(NovaStubs.credentials(), STUBS.settings(providerId, Map.of(
                "fault.timeout", "PT3S", "fault.max-retries", "2", "fault.retry-base", "PT0.01S",
                "fault.retry-max-delay", "PT2S", "fault.breaker-window", "4", "fault.breaker-delay", "PT60S")));
    }

    private static void failOnce(String path, ResponseDefinitionBuilder fault) {
        STUBS.server.stubFor(get(urlPathEqualTo(path)).atPriority(1).inScenario("once " + path)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(fault).willSetStateTo("failed"));
    }

    private static List<LoggedRequest> gets(String path) {
        return STUBS.server.findAll(getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void throttledReadWaitsForRetryAfter() {
        failOnce(FLAVORS, aResponse().withStatus(429).withHeader("Retry-After", "1")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"overLimit\":{\"code\":429,\"message\":\"Over limit\"}}"));
        assertThat(session.hardwareProfiles()).hasSize(4);
        List<LoggedRequest> calls = gets(FLAVORS);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime())
                .isGreaterThanOrEqualTo(1_000);
    }

    @Test
    void unavailableAndResetReadsAreRetried() {
        failOnce(SERVERS + "/detail", aResponse().withStatus(503));
        assertThat(session.instances()).isNotEmpty();
        failOnce(FLAVORS, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        assertThat(session.hardwareProfiles()).isNotEmpty();
    }

    @Test
    void createWhoseAnswerIsLostIsFoundByItsTokenNotRepeated() {
        int before = STUBS.nova.creates();
        STUBS.nova.loseNextCreateAnswer();
        Instance created = session.createInstance(InstanceSpec.ofImage(IMAGE));
        assertThat(STUBS.nova.creates() - before).isEqualTo(1);
        assertThat(STUBS.server.findAll(postRequestedFor(urlEqualTo(SERVERS)))).hasSize(1);
        assertThat(session.instances()).extracting(Instance::id).contains(created.id());
        session.destroy(created.id());
    }

    @Test
    void persistentServerErrorOpensTheBreaker() {
        STUBS.server.stubFor(get(urlPathMatching(".*/os-availability-zone")).atPriority(1)
                .willReturn(aResponse().withStatus(500)));
        assertThatThrownBy(session::realms).isInstanceOf(ProviderUnavailableException.class);
        assertThatThrownBy(session::realms).isInstanceOf(ProviderUnavailableException.class);
        assertThat(factory.health(providerId).orElseThrow().circuit()).isEqualTo(CircuitState.OPEN);
        int calls = STUBS.server.findAll(getRequestedFor(urlPathMatching(".*/os-availability-zone"))).size();
        assertThatThrownBy(session::realms).hasMessageContaining("circuit breaker open");
        assertThat(STUBS.server.findAll(getRequestedFor(urlPathMatching(".*/os-availability-zone")))).hasSize(calls);
    }

    @Test
    void slowAnswerTimesOut() {
        STUBS.server.stubFor(get(urlPathEqualTo(FLAVORS)).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"flavors\":[]}").withFixedDelay(5_000)));
        assertThatThrownBy(session::hardwareProfiles).isInstanceOf(ProviderUnavailableException.class)
                .satisfies(e -> assertThat(((ProviderUnavailableException) e).timeout()).isTrue());
    }

    @Test
    void malformedBodyIsNotRetried() {
        STUBS.server.stubFor(get(urlPathEqualTo(FLAVORS)).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"flavors\":[{\"id\":")));
        assertThatThrownBy(session::hardwareProfiles).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("unreadable");
        assertThat(gets(FLAVORS)).hasSize(1);
    }

    @Test
    void expiredTokenIsRenewedOnceAndTheCallSucceeds() {
        assertThat(session.hardwareProfiles()).isNotEmpty();
        int tokens = STUBS.server.findAll(postRequestedFor(urlEqualTo("/identity/v3/auth/tokens"))).size();
        failOnce(FLAVORS, aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":401,\"title\":\"Unauthorized\",\"message\":\"The token has "
                        + "expired.\"}}"));
        assertThat(session.hardwareProfiles()).isNotEmpty();
        assertThat(STUBS.server.findAll(postRequestedFor(urlEqualTo("/identity/v3/auth/tokens"))))
                .as("one new token").hasSize(tokens + 1);
    }

    @Test
    void refusedCredentialsAreReportedQuicklyAndDoNotTripTheBreaker() {
        DriverSession wrong = factory.connect(new Credentials(NovaStubs.credentials().user(), "expired"),
                STUBS.settings(providerId, Map.of()));
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(wrong::realms).isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageNotContaining("expired\"");
        }
        assertThat(factory.health(providerId).orElseThrow().circuit()).isEqualTo(CircuitState.CLOSED);
    }
}
