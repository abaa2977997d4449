package io.skyfed.drivers.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import io.skyfed.drivers.spi.StorageVolume;
import io.skyfed.drivers.spi.StorageVolumeSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults injected in front of the Compute Engine fake, seen through the driver: what is retried and how long it
 * waits, what is not retried, when the breaker opens, and that creates whose answers are lost still create one
 * resource (instances by requestId, disks by their unique name).
 */
class GoogleDriverFaultTest {

    private static final GoogleStubs STUBS = new GoogleStubs();
    private static final AtomicInteger PROVIDERS = new AtomicInteger();
    private static final String PROJECT = "/compute/v1/projects/" + GceFake.PROJECT;
    private static final String ZONES = PROJECT + "/zones";
    private static final String INSTANCES_A = PROJECT + "/zones/us-central1-a/instances";

    private final GoogleDriverFactory factory = new GoogleDriverFactory();
    private String providerId;
    private DriverSession session;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        STUBS.resetFaults();
        // A provider per test: each starts with a closed breaker (and fetches its own token).
        providerId = "google-faults-" + PROVIDERS.incrementAndGet();
        session = factory.connect(STUBS.credentials(), STUBS.settings(providerId, Map.of(
                "fault.timeout", "PT3S", "fault.max-retries", "2", "fault.retry-base", "PT0.01S",
                "fault.retry-max-delay", "PT2S", "fault.breaker-window", "4", "fault.breaker-delay", "PT60S")));
    }

    private static void answer(String path, ResponseDefinitionBuilder response) {
        STUBS.server.stubFor(any(urlPathEqualTo(path)).atPriority(1).willReturn(response));
    }

    /** The first call to {@code path} gets {@code fault}, later ones reach the fake. */
    private static void failOnce(String path, ResponseDefinitionBuilder fault) {
        STUBS.server.stubFor(any(urlPathEqualTo(path)).atPriority(1).inScenario("once " + path)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(fault).willSetStateTo("failed"));
    }

    private static List<LoggedRequest> calls(String path) {
        return STUBS.server.findAll(anyRequestedFor(urlPathEqualTo(path)));
    }

    private static ResponseDefinitionBuilder googleError(int status, String reason) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(GceFake.errorJson(status, reason, "injected " + reason));
    }

    @Test
    void throttledReadWaitsForRetryAfterAndSucceeds() {
        failOnce(ZONES, googleError(429, "rateLimitExceeded").withHeader("Retry-After", "1"));
        assertThat(session.realms()).extracting(r -> r.id()).containsExactly("us-central1-a", "us-central1-b");
        List<LoggedRequest> calls = calls(ZONES);
        assertThat(calls).hasSize(2);
        long gap = calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime();
        assertThat(gap).as("retry waited for Retry-After").isGreaterThanOrEqualTo(1_000);
        assertThat(factory.health(providerId).orElseThrow().circuit()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void unavailableNativeReadIsRetriedUntilItSucceeds() {
        failOnce(INSTANCES_A, googleError(503, "backendError"));
        assertThat(session.instances()).extracting(Instance::id).contains("web-1");
        assertThat(calls(INSTANCES_A)).hasSize(2);
    }

    @Test
    void persistentServerErrorGivesUpAfterTheRetriesAndOpensTheBreaker() {
        answer(ZONES, googleError(500, "backendError"));
        assertThatThrownBy(session::realms).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("500");
        assertThat(calls(ZONES)).hasSize(3);

        assertThatThrownBy(session::realms).isInstanceOf(ProviderUnavailableException.class);
        assertThat(factory.health(providerId).orElseThrow().circuit()).isEqualTo(CircuitState.OPEN);
        int before = calls(ZONES).size();
        assertThatThrownBy(session::realms).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("circuit breaker open");
        assertThat(calls(ZONES)).as("an open breaker does not call").hasSize(before);
    }

    @Test
    void instanceInsertWhoseAnswerIsLostIsRetriedWithItsRequestIdAndCreatesOnce() {
        int insertsBefore = STUBS.gce.instanceInserts();
        int instancesBefore = STUBS.gce.instanceCount();
        STUBS.gce.loseNextAnswerTo("Instances:insert");

        Instance created = session.createInstance(new InstanceSpec("skyfed-base", "us-central1-a", null, Map.of(),
                "lost-answer-1", null, null, List.of()));

        List<LoggedRequest> inserts = STUBS.server.findAll(anyRequestedFor(urlPathEqualTo(INSTANCES_A))
                .withRequestBody(containing("lost-answer-1")));
        assertThat(inserts).hasSize(2);
        String requestId = inserts.get(0).queryParameter("requestId").firstValue();
        assertThat(requestId).isNotBlank();
        assertThat(inserts.get(1).queryParameter("requestId").firstValue()).isEqualTo(requestId);
        assertThat(STUBS.gce.instanceInserts() - insertsBefore).isEqualTo(1);
        assertThat(STUBS.gce.instanceCount()).isEqualTo(instancesBefore + 1);
        assertThat(created.id()).isEqualTo("lost-answer-1");
        session.destroy(created.id());
    }

    @Test
    void diskInsertWhoseAnswerIsLostFindsTheDiskByNameInsteadOfMakingAnother() {
        STUBS.gce.loseNextAnswerTo("Disks:insert");
        StorageVolume volume = session.storageVolumes().orElseThrow()
                .create(new StorageVolumeSpec("lost-disk-1", 20L, "us-central1-b", null, null));
        assertThat(volume.id()).isEqualTo("lost-disk-1");
        assertThat(volume.capacityGb()).isEqualTo(20);
        assertThat(calls(PROJECT + "/zones/us-central1-b/disks")).filteredOn(r -> r.getMethod().getName()
                .equals("POST")).hasSize(2);
        assertThat(session.storageVolumes().orElseThrow().list()).filteredOn(v -> v.id().equals("lost-disk-1"))
                .hasSize(1);
        session.storageVolumes().orElseThrow().delete("lost-disk-1");
    }

    @Test
    void writeWithoutIdempotencyIsNeverRetried() {
        answer(PROJECT + "/setCommonInstanceMetadata", googleError(503, "backendError"));
        assertThatThrownBy(() -> session.keys().orElseThrow().create("once", null))
                .isInstanceOf(ProviderUnavailableException.class);
        assertThat(calls(PROJECT + "/setCommonInstanceMetadata")).hasSize(1);
    }

    @Test
    void connectionResetOnAReadIsRetried() {
        failOnce(PROJECT + "/global/snapshots", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        assertThat(session.storageSnapshots().orElseThrow().list()).isNotEmpty();
        assertThat(calls(PROJECT + "/global/snapshots")).hasSize(2);
    }

    @Test
    void slowProviderTimesOutEachAttemptAndReportsATimeout() {
        answer(PROJECT + "/regions/us-central1", aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{}").withFixedDelay(5_000));
        assertThatThrownBy(() -> session.capacity().orElseThrow().capacity())
                .isInstanceOf(ProviderUnavailableException.class)
                .satisfies(e -> assertThat(((ProviderUnavailableException) e).timeout()).isTrue());
        assertThat(calls(PROJECT + "/regions/us-central1")).hasSize(3);
    }

    @Test
    void malformedBodiesAreNotRetried() {
        answer(PROJECT + "/global/snapshots", aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"items\": [{\"name\": \"snap"));
        assertThatThrownBy(() -> session.storageSnapshots().orElseThrow().list())
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("unreadable");
        assertThat(calls(PROJECT + "/global/snapshots")).hasSize(1);

        answer(INSTANCES_A, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("<html>Bad gateway</html>"));
        assertThatThrownBy(session::instances).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("unreadable");
        assertThat(calls(INSTANCES_A)).hasSize(1);
    }

    @Test
    void expiredCredentialsAreReportedAtOnceAndDoNotTripTheBreaker() {
        answer(ZONES, googleError(401, "authError"));
        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(session::realms).isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageNotContaining("PRIVATE KEY");
        }
        assertThat(calls(ZONES)).hasSize(6);
        assertThat(factory.health(providerId).orElseThrow().circuit()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void aRevokedKeyIsRefusedAtTheTokenEndpointWithoutRetrying() {
        answer("/token", aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}"));
        assertThatThrownBy(session::instances).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("token endpoint");
        assertThat(calls("/token")).hasSize(1);
        assertThat(factory.health(providerId).orElseThrow().circuit()).isEqualTo(CircuitState.CLOSED);
    }
}
