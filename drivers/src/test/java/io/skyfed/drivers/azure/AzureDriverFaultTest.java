package io.skyfed.drivers.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonParser;
import io.skyfed.drivers.spi.AuthenticationFailedException;
import io.skyfed.drivers.spi.CircuitState;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import io.skyfed.drivers.spi.StorageVolume;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults injected in front of the Resource Manager fake, seen through the driver: what is retried and how long it
 * waits, what is not retried, when the breaker opens, expired tokens, and that a VM whose create answer is lost is
 * still created once.
 */
class AzureDriverFaultTest {

    private static final AzureStubs STUBS = new AzureStubs();
    private static final AtomicInteger PROVIDERS = new AtomicInteger();
    private static final String LOCATIONS = "/subscriptions/[^/]+/locations";
    private static final String VMS = "/subscriptions/[^/]+/resourcegroups/[^/]+/providers/Microsoft.Compute/"
            + "virtualMachines";
    private static final String SIZES = "/subscriptions/[^/]+/providers/Microsoft.Compute/locations/[^/]+/vmSizes";
    private static final String USAGES = "/subscriptions/[^/]+/providers/Microsoft.Compute/locations/[^/]+/usages";
    private static final String KEYS = "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.Compute/"
            + "sshPublicKeys(/.*)?";

    private final AzureDriverFactory factory = new AzureDriverFactory();
    private String providerId;
    private DriverSession session;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        STUBS.resetFaults();
        // a provider per test: each starts with a closed breaker and a fresh token
        providerId = "azure-faults-" + PROVIDERS.incrementAndGet();
        session = factory.connect(AzureStubs.credentials(), STUBS.settings(providerId, Map.of(
                "fault.timeout", "PT3S", "fault.max-retries", "2", "fault.retry-base", "PT0.01S",
                "fault.retry-max-delay", "PT2S", "fault.breaker-window", "4", "fault.breaker-delay", "PT60S")));
    }

    private static void answer(String method, String path, ResponseDefinitionBuilder response) {
        STUBS.server.stubFor(request(method, urlPathMatching("(?i)" + path)).atPriority(1).willReturn(response));
    }

    /** The first {@code method} on {@code path} gets {@code fault}, later ones reach the fake. */
    private static void failOnce(String method, String path, ResponseDefinitionBuilder fault) {
        String scenario = "once-" + method + path;
        STUBS.server.stubFor(request(method, urlPathMatching("(?i)" + path)).atPriority(1).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(fault).willSetStateTo("failed"));
    }

    private static List<LoggedRequest> calls(String method, String path) {
        return STUBS.server.findAll(anyRequestedFor(urlPathMatching("(?i)" + path)))
                .stream().filter(r -> r.getMethod().equals(RequestMethod.fromString(method))).toList();
    }

    private static ResponseDefinitionBuilder armError(int status, String code) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(ArmFake.errorJson(code, "injected " + code));
    }

    @Test
    void throttledReadWaitsForRetryAfterAndSucceeds() {
        failOnce("GET", VMS, armError(429, "TooManyRequests").withHeader("Retry-After", "1"));
        assertThat(session.instances()).isNotEmpty();
        List<LoggedRequest> calls = calls("GET", VMS);
        assertThat(calls).hasSize(2);
        long gap = calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime();
        assertThat(gap).as("retry waited for Retry-After").isGreaterThanOrEqualTo(1_000);
        assertThat(factory.health(providerId).orElseThrow().circuit()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void unavailableReadIsRetriedUntilItSucceeds() {
        failOnce("GET", LOCATIONS, armError(503, "ServiceUnavailable"));
        assertThat(session.realms()).isNotEmpty();
        assertThat(calls("GET", LOCATIONS)).hasSize(2);
    }

    @Test
    void unavailableNativeReadIsRetriedUntilItSucceeds() {
        failOnce("GET", USAGES, armError(503, "ServiceUnavailable").withHeader("Retry-After", "0"));
        assertThat(session.capacity().orElseThrow().capacity().figures()).isNotEmpty();
        assertThat(calls("GET", USAGES)).hasSize(2);
    }

    @Test
    void persistentServerErrorGivesUpAfterTheRetriesAndOpensTheBreaker() {
        answer("GET", LOCATIONS, armError(500, "InternalServerError"));
        assertThatThrownBy(session::realms).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("500");
        assertThat(calls("GET", LOCATIONS)).hasSize(3);

        assertThatThrownBy(session::realms).isInstanceOf(ProviderUnavailableException.class);
        assertThat(factory.health(providerId).orElseThrow().circuit()).isEqualTo(CircuitState.OPEN);
        int before = calls("GET", LOCATIONS).size();
        assertThatThrownBy(session::realms).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("circuit breaker open");
        assertThat(calls("GET", LOCATIONS)).as("an open breaker does not call").hasSize(before);
    }

    @Test
    void createWhoseAnswerIsLostIsRepeatedOnTheSameNameAndMakesOneVm() {
        int vmsBefore = STUBS.arm.count("Microsoft.Compute/virtualMachines");
        STUBS.arm.loseNextAnswerTo("PUT", "Microsoft.Compute/virtualMachines");

        Instance created = session.createInstance(new InstanceSpec(session.images(
                io.skyfed.drivers.spi.ImageFilter.ALL).get(0).id(), null, null, Map.of(), null, null, null,
                List.of()));

        assertThat(created.privateAddresses()).extracting(a -> a.address()).singleElement().asString()
                .startsWith("10.0.0.");
        assertThat(created.publicAddresses()).extracting(a -> a.address()).singleElement().asString()
                .startsWith("20.50.2.");
        List<LoggedRequest> puts = calls("PUT", VMS + "/[^/]+");
        assertThat(puts).hasSize(2);
        assertThat(puts.get(1).getUrl()).isEqualTo(puts.get(0).getUrl());
        assertThat(STUBS.arm.putsOf("Microsoft.Compute/virtualMachines", created.id())).isEqualTo(2);
        assertThat(STUBS.arm.count("Microsoft.Compute/virtualMachines")).isEqualTo(vmsBefore + 1);
        session.destroy(created.id());
        assertThat(STUBS.arm.count("Microsoft.Compute/virtualMachines")).isEqualTo(vmsBefore);
        assertThat(STUBS.arm.count("Microsoft.Network/networkInterfaces")).as("NIC removed with the VM").isZero();
    }

    @Test
    void actionWithoutIdempotenceIsNeverRetried() {
        answer("POST", KEYS, armError(503, "ServiceUnavailable"));
        assertThatThrownBy(() -> session.keys().orElseThrow().create("once-only", null))
                .isInstanceOf(ProviderUnavailableException.class);
        assertThat(calls("POST", KEYS)).as("generateKeyPair is tried once").hasSize(1);
        assertThat(session.keys().orElseThrow().list()).extracting(k -> k.id())
                .as("the half-made key is removed").doesNotContain("once-only");
    }

    @Test
    void connectionResetOnAReadIsRetried() {
        failOnce("GET", SIZES, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        assertThat(session.hardwareProfiles()).isNotEmpty();
        assertThat(calls("GET", SIZES)).hasSize(2);
    }

    @Test
    void slowProviderTimesOutEachAttemptAndReportsATimeout() {
        answer("GET", LOCATIONS, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"value\": []}").withFixedDelay(5_000));
        assertThatThrownBy(session::realms)
                .isInstanceOf(ProviderUnavailableException.class)
                .satisfies(e -> assertThat(((ProviderUnavailableException) e).timeout()).isTrue());
        assertThat(calls("GET", LOCATIONS)).hasSize(3);
    }

    @Test
    void malformedBodyIsNotRetried() {
        answer("GET", SIZES, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"value\": [{\"name\": \"Standard_B1s\", \"numberOfCores\": "));
        assertThatThrownBy(session::hardwareProfiles)
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("unreadable");
        assertThat(calls("GET", SIZES)).hasSize(1);
    }

    @Test
    void expiredTokenIsReportedAtOnceByJcloudsCallsAndDoesNotTripTheBreaker() {
        // instance(id) reads the VM and its instance view through jclouds (listings are native, below)
        assertThat(session.instance("web-1").id()).isEqualTo("web-1");
        STUBS.arm.expireTokens();
        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> session.instance("web-1")).isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageNotContaining(ArmFake.CLIENT_SECRET);
        }
        assertThat(factory.health(providerId).orElseThrow().circuit()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void expiredTokenIsRenewedOnceByNativeCalls() {
        assertThat(session.keys().orElseThrow().list()).isNotEmpty();
        STUBS.arm.expireTokens();
        int tokensBefore = calls("POST", "/[^/]+/oauth2/token").size();
        assertThat(session.keys().orElseThrow().list()).isNotEmpty();
        assertThat(calls("POST", "/[^/]+/oauth2/token")).hasSize(tokensBefore + 1);
    }

    @Test
    void refusedClientSecretIsReportedWithoutTheSecret() {
        DriverSession wrong = factory.connect(new io.skyfed.drivers.spi.Credentials(ArmFake.CLIENT_ID, "wrong-secret"),
                STUBS.settings(providerId + "-wrong", Map.of()));
        assertThatThrownBy(() -> wrong.keys().orElseThrow().list()).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageNotContaining("wrong-secret");
        assertThatThrownBy(wrong::instances).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageNotContaining("wrong-secret");
    }

    /** A list's pages are guarded one by one: a page that fails is read again alone, the pages before it are kept. */
    @Test
    void aFailedPageIsRetriedAloneAndNoItemIsLostOrDoubled() {
        String disks = "Microsoft.Compute/disks";
        List<String> seeded = List.of("paged-disk-1", "paged-disk-2", "paged-disk-3");
        seeded.forEach(name -> STUBS.arm.seed(disks, name, JsonParser.parseString("""
                {"location": "westeurope", "properties": {"creationData": {"createOption": "Empty"},
                 "diskSizeGB": 1, "diskState": "Unattached"}}""").getAsJsonObject()));
        STUBS.arm.pageSize(2);
        String path = "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.Compute/disks";
        STUBS.server.stubFor(request("GET", urlPathMatching("(?i)" + path)).atPriority(1)
                .withQueryParam("$skiptoken", matching(".+"))
                .inScenario("second page").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(armError(503, "ServiceUnavailable")).willSetStateTo("failed"));
        try {
            List<String> listed = session.storageVolumes().orElseThrow().list().stream()
                    .map(StorageVolume::id).toList();
            assertThat(listed).containsAll(seeded).doesNotHaveDuplicates();
            List<LoggedRequest> reads = calls("GET", path);
            assertThat(reads.stream().filter(r -> !r.getUrl().contains("skiptoken"))).as("first page read once")
                    .hasSize(1);
            int pages = (STUBS.arm.count(disks) + 1) / 2;
            assertThat(pages).isGreaterThanOrEqualTo(2);
            assertThat(reads.stream().filter(r -> r.getUrl().contains("skiptoken"))).as("the failed read and pages 2..")
                    .hasSize(pages);
        } finally {
            STUBS.arm.pageSize(1000);
            seeded.forEach(name -> STUBS.arm.unseed(disks, name));
        }
    }

    /** 10,000 VMs must not cost 10,000 instance-view GETs: a listing reads every VM's status from paged lists. */
    @Test
    void aListingReadsNoInstanceViewPerVm() {
        String views = VMS + "/[^/]+/instanceView";
        int before = calls("GET", views).size();
        assertThat(session.instances()).extracting(Instance::id).contains("web-1");
        assertThat(calls("GET", views)).hasSize(before);
        assertThat(calls("GET", "/subscriptions/[^/]+/providers/Microsoft.Compute/virtualMachines")).isNotEmpty();
    }
}
