package io.skyfed.drivers.rhevm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
import io.skyfed.drivers.spi.AuthenticationFailedException;
import io.skyfed.drivers.spi.CircuitState;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults in front of the oVirt engine (API and SSO), seen through the rhevm driver. */
class RhevmDriverFaultTest {

    private static final OvirtStubs STUBS = new OvirtStubs();
    private static final AtomicInteger PROVIDERS = new AtomicInteger();
    private static final String API = OvirtFake.API;
    private static final String TEMPLATE = "4f0b8a1e-0c61-11ef-8f0a-00163e5d2a01";
    private static final Map<String, String> FAULTS = Map.of("fault.timeout", "PT3S", "fault.max-retries", "2",
            "fault.retry-base", "PT0.01S", "fault.retry-max-delay", "PT2S", "fault.breaker-window", "4",
            "fault.breaker-delay", "PT60S");

    private final RhevmDriverFactory factory = new RhevmDriverFactory();
    private String providerId;
    private DriverSession session;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        STUBS.resetFaults();
        providerId = "rhevm-faults-" + PROVIDERS.incrementAndGet();
        session = factory.connect(OvirtStubs.credentials(), STUBS.settings(providerId, FAULTS));
    }

    private static void failOnce(MappingBuilder request, ResponseDefinitionBuilder fault) {
        String scenario = "once " + request.build().getRequest();
        STUBS.server.stubFor(request.atPriority(1).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(fault).willSetStateTo("failed"));
    }

    private static List<LoggedRequest> gets(String path) {
        return STUBS.server.findAll(getRequestedFor(urlPathEqualTo(API + path)));
    }

    private static int vmPosts() {
        return STUBS.server.findAll(postRequestedFor(urlPathEqualTo(API + "/vms"))).size();
    }

    @Test
    void throttledReadWaitsForRetryAfter() {
        failOnce(get(urlPathEqualTo(API + "/instancetypes")), aResponse().withStatus(429).withHeader("Retry-After", "1")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"reason\":\"Too Many Requests\",\"detail\":\"\"}"));
        assertThat(session.hardwareProfiles()).hasSize(5);
        List<LoggedRequest> calls = gets("/instancetypes");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime())
                .isGreaterThanOrEqualTo(1_000);
    }

    @Test
    void serverErrorsAndResetsOfReadsAreRetried() {
        // A window wide enough that three separate faults among a dozen calls do not open the breaker.
        DriverSession session = factory.connect(OvirtStubs.credentials(), STUBS.settings(providerId + "-wide",
                Map.of("fault.retry-base", "PT0.01S", "fault.breaker-window", "20")));
        failOnce(get(urlPathEqualTo(API + "/vms")), aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"reason\":\"Internal Server Error\",\"detail\":\"\"}"));
        assertThat(session.instances()).isNotEmpty();
        failOnce(get(urlPathEqualTo(API + "/clusters")), aResponse().withStatus(503).withHeader("Retry-After", "0"));
        assertThat(session.realms()).hasSize(2);
        failOnce(get(urlPathEqualTo(API + "/templates")), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        assertThat(session.images(ImageFilter.ALL)).hasSize(2);
        assertThat(gets("/vms")).hasSize(2);
        assertThat(gets("/templates")).hasSize(2);
    }

    @Test
    void createWhoseAnswerIsLostIsFoundByNameNotRepeated() {
        int before = STUBS.engine.vmCreates();
        int posts = vmPosts();
        STUBS.engine.loseNextCreateAnswer();
        Instance created = session.createInstance(InstanceSpec.ofImage(TEMPLATE));
        assertThat(STUBS.engine.vmCreates() - before).isEqualTo(1);
        assertThat(vmPosts() - posts).as("the create was not posted again").isEqualTo(1);
        assertThat(session.instances()).extracting(Instance::id).contains(created.id());
        session.destroy(created.id());
    }

    @Test
    void createRefusedWith503IsLookedUpThenRepeatedOnce() {
        int before = STUBS.engine.vmCreates();
        int posts = vmPosts();
        failOnce(post(urlPathEqualTo(API + "/vms")), aResponse().withStatus(503).withHeader("Retry-After", "1"));
        Instance created = session.createInstance(InstanceSpec.ofImage(TEMPLATE));
        List<LoggedRequest> creates = STUBS.server.findAll(postRequestedFor(urlPathEqualTo(API + "/vms")));
        assertThat(creates.size() - posts).isEqualTo(2);
        assertThat(creates.get(creates.size() - 1).getLoggedDate().getTime()
                - creates.get(creates.size() - 2).getLoggedDate().getTime()).as("Retry-After honoured")
                .isGreaterThanOrEqualTo(1_000);
        assertThat(STUBS.engine.vmCreates() - before).as("one VM, although two posts").isEqualTo(1);
        List<LoggedRequest> searches = STUBS.server.findAll(getRequestedFor(urlPathEqualTo(API + "/vms"))
                .withQueryParam("search", equalTo("name=" + created.name())));
        assertThat(searches).as("a look-up before the create and one before its repetition").hasSize(2);
        session.destroy(created.id());
    }

    @Test
    void persistentServerErrorOpensTheBreaker() {
        STUBS.server.stubFor(get(urlPathEqualTo(API + "/clusters")).atPriority(1)
                .willReturn(aResponse().withStatus(500)));
        assertThatThrownBy(session::realms).isInstanceOf(ProviderUnavailableException.class);
        assertThatThrownBy(session::realms).isInstanceOf(ProviderUnavailableException.class);
        assertThat(factory.health(providerId).orElseThrow().circuit()).isEqualTo(CircuitState.OPEN);
        int calls = gets("/clusters").size();
        assertThatThrownBy(session::realms).hasMessageContaining("circuit breaker open");
        assertThat(gets("/clusters")).hasSize(calls);
    }

    @Test
    void slowAnswerTimesOut() {
        DriverSession impatient = factory.connect(OvirtStubs.credentials(), STUBS.settings(providerId + "-slow",
                Map.of("fault.timeout", "PT1S", "fault.max-retries", "1", "fault.retry-base", "PT0.01S")));
        STUBS.server.stubFor(get(urlPathEqualTo(API + "/templates")).atPriority(1).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")
                .withFixedDelay(3_000)));
        assertThatThrownBy(() -> impatient.images(ImageFilter.ALL)).isInstanceOf(ProviderUnavailableException.class)
                .satisfies(e -> assertThat(((ProviderUnavailableException) e).timeout()).isTrue());
    }

    @Test
    void malformedBodyIsNotRetried() {
        STUBS.server.stubFor(get(urlPathEqualTo(API + "/templates")).atPriority(1).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"template\":[{\"id\":")));
        assertThatThrownBy(() -> session.images(ImageFilter.ALL)).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("unreadable");
        assertThat(gets("/templates")).hasSize(1);
    }

    @Test
    void expiredTokenIsRenewedOnceAndTheCallSucceeds() {
        assertThat(session.realms()).isNotEmpty();
        int tokens = STUBS.engine.tokensIssued();
        STUBS.engine.expireTokens();
        assertThat(session.realms()).hasSize(2);
        assertThat(STUBS.engine.tokensIssued()).as("one new token").isEqualTo(tokens + 1);
        assertThat(factory.health(providerId).orElseThrow().failures()).isZero();
    }

    @Test
    void refusedCredentialsAreReportedQuicklyAndDoNotTripTheBreaker() {
        DriverSession wrong = factory.connect(new Credentials(OvirtFake.USER, "stale-password"),
                STUBS.settings(providerId, FAULTS));
        int tokenRequests = STUBS.server.findAll(postRequestedFor(urlPathEqualTo(OvirtFake.SSO))).size();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(wrong::realms).isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageNotContaining("stale-password");
        }
        assertThat(STUBS.server.findAll(postRequestedFor(urlPathEqualTo(OvirtFake.SSO))))
                .as("one token request per call, never retried").hasSize(tokenRequests + 5);
        assertThat(factory.health(providerId).orElseThrow().circuit()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void basicAuthenticationNeedsNoToken() {
        int tokens = STUBS.engine.tokensIssued();
        DriverSession basic = factory.connect(OvirtStubs.credentials(), STUBS.settings(providerId + "-basic",
                Map.of("auth", "basic")));
        assertThat(basic.realms()).hasSize(2);
        assertThat(STUBS.engine.tokensIssued()).isEqualTo(tokens);
        DriverSession wrong = factory.connect(new Credentials(OvirtFake.USER, "nope"),
                STUBS.settings(providerId + "-basic-wrong", Map.of("auth", "basic")));
        assertThatThrownBy(wrong::realms).isInstanceOf(AuthenticationFailedException.class);
    }
}
