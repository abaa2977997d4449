package io.skyfed.drivers.ec2;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults injected in front of the EC2 fake, seen through the driver: what is retried and how long it waits, what
 * is not retried, when the breaker opens, and that a create whose answer is lost still creates one instance.
 */
class Ec2DriverFaultTest {

    private static final Ec2Stubs STUBS = new Ec2Stubs();
    private static final AtomicInteger PROVIDERS = new AtomicInteger();
    private static final String IMAGE = "ami-0abcdef1234567890";

    private final Ec2DriverFactory factory = new Ec2DriverFactory();
    private String providerId;
    private DriverSession session;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        STUBS.resetFaults();
        // A provider per test: each starts with a closed breaker.
        providerId = "ec2-faults-" + PROVIDERS.incrementAndGet();
        session = factory.connect(Ec2Stubs.credentials(), STUBS.settings(providerId, Map.of(
                "fault.timeout", "PT3S", "fault.max-retries", "2", "fault.retry-base", "PT0.01S",
                "fault.retry-max-delay", "PT2S", "fault.breaker-window", "4", "fault.breaker-delay", "PT60S")));
    }

    private static void answer(String action, ResponseDefinitionBuilder response) {
        STUBS.ec2Server.stubFor(post(urlEqualTo("/")).atPriority(1)
                .withRequestBody(containing("Action=" + action + "&")).willReturn(response));
    }

    /** The first call of {@code action} gets {@code fault}, later ones reach the fake. */
    private static void failOnce(String action, ResponseDefinitionBuilder fault) {
        String scenario = "once-" + action;
        STUBS.ec2Server.stubFor(post(urlEqualTo("/")).atPriority(1).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).withRequestBody(containing("Action=" + action + "&"))
                .willReturn(fault).willSetStateTo("failed"));
    }

    private static List<LoggedRequest> calls(String action) {
        return STUBS.ec2Server.findAll(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=" + action + "&")));
    }

    private static ResponseDefinitionBuilder ec2Error(int status, String code) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml")
                .withBody(Ec2Fake.errorXml(code, "injected " + code));
    }

    @Test
    void throttledReadWaitsForRetryAfterAndSucceeds() {
        failOnce("DescribeInstances", aResponse().withStatus(429).withHeader("Retry-After", "1"));
        assertThat(session.instances()).isNotEmpty();
        List<LoggedRequest> calls = calls("DescribeInstances");
        assertThat(calls).hasSize(2);
        long gap = calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime();
        assertThat(gap).as("retry waited for Retry-After").isGreaterThanOrEqualTo(1_000);
        assertThat(factory.health(providerId).orElseThrow().circuit()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void unavailableReadIsRetriedUntilItSucceeds() {
        failOnce("DescribeAvailabilityZones", ec2Error(503, "Unavailable"));
        assertThat(session.realms()).isNotEmpty();
        assertThat(calls("DescribeAvailabilityZones")).hasSize(2);
    }

    @Test
    void persistentServerErrorGivesUpAfterTheRetriesAndOpensTheBreaker() {
        answer("DescribeAvailabilityZones", ec2Error(500, "InternalError"));
        assertThatThrownBy(session::realms).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("InternalError");
        assertThat(calls("DescribeAvailabilityZones")).hasSize(3);

        assertThatThrownBy(session::realms).isInstanceOf(ProviderUnavailableException.class);
        assertThat(factory.health(providerId).orElseThrow().circuit()).isEqualTo(CircuitState.OPEN);
        int before = calls("DescribeAvailabilityZones").size();
        assertThatThrownBy(session::realms).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("circuit breaker open");
        assertThat(calls("DescribeAvailabilityZones")).as("an open breaker does not call").hasSize(before);
    }

    @Test
    void createWhoseAnswerIsLostIsRetriedWithItsTokenAndLaunchesOnce() {
        int launchesBefore = STUBS.ec2.launches();
        int instancesBefore = session.instances().size();
        STUBS.ec2.loseNextAnswerTo("RunInstances");

        Instance created = session.createInstance(InstanceSpec.ofImage(IMAGE));

        List<LoggedRequest> runs = calls("RunInstances");
        assertThat(runs).hasSize(2);
        String token = Ec2Fake.parseForm(runs.get(0).getBodyAsString()).get("ClientToken").get(0);
        assertThat(Ec2Fake.parseForm(runs.get(1).getBodyAsString()).get("ClientToken")).containsExactly(token);
        assertThat(STUBS.ec2.launches() - launchesBefore).isEqualTo(1);
        assertThat(session.instances()).hasSize(instancesBefore + 1).extracting(Instance::id).contains(created.id());
        session.destroy(created.id());
    }

    @Test
    void aCallersRequestTokenMakesACreateIdempotentAcrossCalls() {
        int launchesBefore = STUBS.ec2.launches();
        InstanceSpec spec = new InstanceSpec(IMAGE, null, null, Map.of(), null, null, null, List.of(),
                "skyfed-job-launch-" + providerId);

        // A broker that crashed before recording the first answer asks again, with the same token.
        Instance first = session.createInstance(spec);
        Instance again = session.createInstance(spec);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(STUBS.ec2.launches() - launchesBefore).isEqualTo(1);
        List<LoggedRequest> runs = calls("RunInstances");
        assertThat(runs).extracting(r -> Ec2Fake.parseForm(r.getBodyAsString()).get("ClientToken").get(0))
                .containsOnly("skyfed-job-launch-" + providerId);
        session.destroy(first.id());
    }

    @Test
    void anInstanceWhoseLaunchAnswerWasLostIsFoundByItsRequestToken() {
        String token = "skyfed-job-find-" + providerId;
        assertThat(session.instanceByRequestToken(token)).as("nothing launched with it yet").isEmpty();
        int launchesBefore = STUBS.ec2.launches();
        // Every answer lost: the caller gives up (or crashes) without the instance's id.
        STUBS.ec2.loseAnswersTo("RunInstances", 3);
        assertThatThrownBy(() -> session.createInstance(new InstanceSpec(IMAGE, null, null, Map.of(), null, null,
                null, List.of(), token))).isInstanceOf(ProviderUnavailableException.class);

        // A restarted broker: a new session, whose breaker has not seen the failures.
        DriverSession restarted = new Ec2DriverFactory().connect(Ec2Stubs.credentials(),
                STUBS.settings(providerId + "-restarted", Map.of()));
        Instance found = restarted.instanceByRequestToken(token).orElseThrow();

        assertThat(STUBS.ec2.launches() - launchesBefore).isEqualTo(1);
        assertThat(calls("DescribeInstances")).anySatisfy(r -> assertThat(Ec2Fake.parseForm(r.getBodyAsString()))
                .containsEntry("Filter.1.Name", List.of("client-token"))
                .containsEntry("Filter.1.Value.1", List.of(token)));
        assertThat(restarted.instances()).filteredOn(i -> i.id().equals(found.id())).hasSize(1);
        restarted.destroy(found.id());
        restarted.instance(found.id());
        assertThat(restarted.instanceByRequestToken(token)).as("a terminated instance is gone").isEmpty();
    }

    @Test
    void connectionResetOnAReadIsRetried() {
        failOnce("DescribeVolumes", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        assertThat(session.storageVolumes().orElseThrow().list()).isNotEmpty();
        assertThat(calls("DescribeVolumes")).hasSize(2);
    }

    @Test
    void slowProviderTimesOutEachAttemptAndReportsATimeout() {
        answer("DescribeKeyPairs", aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody("<DescribeKeyPairsResponse><keySet/></DescribeKeyPairsResponse>").withFixedDelay(5_000));
        assertThatThrownBy(() -> session.keys().orElseThrow().list())
                .isInstanceOf(ProviderUnavailableException.class)
                .satisfies(e -> assertThat(((ProviderUnavailableException) e).timeout()).isTrue());
        assertThat(calls("DescribeKeyPairs")).hasSize(3);
    }

    @Test
    void malformedBodyIsNotRetried() {
        answer("DescribeSnapshots", aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody("<DescribeSnapshotsResponse><snapshotSet><item><snapshotId>snap-1</snap"));
        assertThatThrownBy(() -> session.storageSnapshots().orElseThrow().list())
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("unreadable");
        assertThat(calls("DescribeSnapshots")).hasSize(1);
    }

    @Test
    void expiredCredentialsAreReportedAtOnceAndDoNotTripTheBreaker() {
        answer("DescribeInstances", ec2Error(400, "RequestExpired"));
        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(session::instances).isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageNotContaining(Ec2Stubs.credentials().secret());
        }
        assertThat(calls("DescribeInstances")).hasSize(6);
        assertThat(factory.health(providerId).orElseThrow().circuit()).isEqualTo(CircuitState.CLOSED);
    }
}
