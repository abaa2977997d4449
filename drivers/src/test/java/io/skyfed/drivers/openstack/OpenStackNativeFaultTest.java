package io.skyfed.drivers.openstack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.skyfed.drivers.spi.AuthenticationFailedException;
import io.skyfed.drivers.spi.CircuitState;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import io.skyfed.drivers.spi.StorageVolumeSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults in front of the services the openstack driver speaks natively (Cinder, Neutron): retries of reads with
 * Retry-After, creates that are never repeated, refused tokens renewed once, unreadable answers, slow answers.
 */
class OpenStackNativeFaultTest {

    private static final NovaStubs STUBS = new NovaStubs();
    private static final AtomicInteger PROVIDERS = new AtomicInteger();
    private static final String VOLUMES = CinderFake.PREFIX + "/volumes";
    private static final String VOLUMES_DETAIL = VOLUMES + "/detail";
    private static final String FLOATING_IPS = NeutronFake.PREFIX + "/floatingips";
    private static final String SECURITY_GROUPS = NeutronFake.PREFIX + "/security-groups";

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
        providerId = "openstack-native-faults-" + PROVIDERS.incrementAndGet();
        session = factory.connect(NovaStubs.credentials(), STUBS.settings(providerId, Map.of(
                "fault.timeout", "PT2S", "fault.max-retries", "2", "fault.retry-base", "PT0.01S",
                "fault.retry-max-delay", "PT2S", "fault.breaker-window", "4", "fault.breaker-delay", "PT60S")));
    }

    @AfterEach
    void close() {
        session.close();
    }

    private static void failOnce(String path, ResponseDefinitionBuilder fault) {
        STUBS.server.stubFor(get(urlPathEqualTo(path)).atPriority(1).inScenario("once " + path)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(fault).willSetStateTo("failed"));
    }

    private static List<LoggedRequest> gets(String path) {
        return STUBS.server.findAll(getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void throttledVolumeListWaitsForRetryAfter() {
        failOnce(VOLUMES_DETAIL, aResponse().withStatus(429).withHeader("Retry-After", "1")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"overLimit\":{\"code\":429,\"message\":\"Over limit\",\"retryAfter\":\"1\"}}"));
        session.storageVolumes().orElseThrow().list();
        List<LoggedRequest> calls = gets(VOLUMES_DETAIL);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime())
                .isGreaterThanOrEqualTo(1_000);
    }

    @Test
    void unavailableNeutronReadIsRetried() {
        failOnce(FLOATING_IPS, aResponse().withStatus(503));
        session.addresses().orElseThrow().list();
        assertThat(gets(FLOATING_IPS)).hasSize(2);
    }

    @Test
    void aVolumeCreateThatIsAlwaysResetLooksBeforeEachRetryAndCreatesNothing() {
        int before = STUBS.cinder.volumeCreates();
        STUBS.server.stubFor(post(urlPathEqualTo(VOLUMES)).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        int looksBefore = gets(VOLUMES_DETAIL).size();
        assertThatThrownBy(() -> session.storageVolumes().orElseThrow()
                .create(new StorageVolumeSpec("lost", 1L, null, null, null)))
                .isInstanceOf(ProviderUnavailableException.class);
        assertThat(STUBS.server.findAll(postRequestedFor(urlPathEqualTo(VOLUMES)))).hasSize(3);
        assertThat(gets(VOLUMES_DETAIL).size() - looksBefore).as("a look before each retry and after the last")
                .isEqualTo(3);
        assertThat(STUBS.cinder.volumeCreates()).isEqualTo(before);
    }

    @Test
    void aFloatingIpAllocationFailingWithServerErrorIsRetriedAfterALookUpAndAllocatesNothing() {
        int before = STUBS.neutron.allocations();
        STUBS.server.stubFor(post(urlPathEqualTo(FLOATING_IPS)).atPriority(1).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"NeutronError\":{\"type\":\"HTTPInternalServerError\",\"message\":\"boom\"}}")));
        assertThatThrownBy(() -> session.addresses().orElseThrow().create())
                .isInstanceOf(ProviderUnavailableException.class);
        assertThat(STUBS.server.findAll(postRequestedFor(urlPathEqualTo(FLOATING_IPS)))).hasSize(3);
        assertThat(STUBS.neutron.allocations()).isEqualTo(before);
    }

    @Test
    void aRefusedTokenIsReportedAndRenewedForTheNextCall() {
        session.firewalls().orElseThrow().list();
        failOnce(SECURITY_GROUPS, aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":401,\"title\":\"Unauthorized\",\"message\":\"expired\"}}"));
        int tokens = STUBS.server.findAll(postRequestedFor(urlPathEqualTo("/identity/v3/auth/tokens"))).size();
        assertThatThrownBy(() -> session.firewalls().orElseThrow().list())
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(session.firewalls().orElseThrow().list()).isNotEmpty();
        assertThat(STUBS.server.findAll(postRequestedFor(urlPathEqualTo("/identity/v3/auth/tokens"))))
                .as("a new token after the refusal").hasSize(tokens + 1);
        assertThat(factory.health(providerId).orElseThrow().circuit()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void unreadableAnswersCountAgainstTheProvider() {
        STUBS.server.stubFor(get(urlPathEqualTo(SECURITY_GROUPS)).atPriority(1).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"security_groups\": [")));
        assertThatThrownBy(() -> session.firewalls().orElseThrow().list())
                .isInstanceOf(ProviderUnavailableException.class);
        assertThat(factory.health(providerId).orElseThrow().failures()).isPositive();
    }

    @Test
    void aSlowCinderTimesOut() {
        STUBS.server.stubFor(get(urlPathEqualTo(VOLUMES_DETAIL)).atPriority(1)
                .willReturn(aResponse().withStatus(200).withFixedDelay(5_000).withBody("{\"volumes\":[]}")));
        assertThatThrownBy(() -> session.storageVolumes().orElseThrow().list())
                .isInstanceOf(ProviderUnavailableException.class)
                .satisfies(e -> assertThat(((ProviderUnavailableException) e).timeout()).isTrue());
    }
}
