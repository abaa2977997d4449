package io.skyfed.drivers.ec2;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.skyfed.drivers.resilience.RemoteCredentialsException;
import io.skyfed.drivers.resilience.RemoteProtocolException;
import io.skyfed.drivers.resilience.RemoteRequestException;
import io.skyfed.drivers.resilience.RemoteThrottledException;
import io.skyfed.drivers.resilience.RemoteTimeoutException;
import io.skyfed.drivers.resilience.RemoteUnavailableException;
import java.time.Duration;
import java.util.Map;
import org.jclouds.aws.ec2.AWSEC2Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each documented EC2 failure, and each transport fault, arrives as the failure kind the guard acts on. */
class Ec2FailureTranslationTest {

    static WireMockServer server;
    static AWSEC2Api api;

    @BeforeAll
    static void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(new Ec2Fake()));
        server.start();
        // A 2 s socket timeout: three quarters of the attempt budget.
        Ec2Settings settings = Ec2Settings.from(Map.of("region", Ec2Fake.REGION, "endpoint", server.baseUrl()),
                Duration.ofMillis(2_667));
        api = Ec2ApiFactory.build(settings, Ec2Fake.ACCESS_KEY, "secret").getInstance(AWSEC2Api.class);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetMappings();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(Ec2Fake.NAME)));
    }

    private static void describeInstancesAnswers(ResponseDefinitionBuilder response) {
        server.stubFor(post(urlEqualTo("/")).atPriority(1).withRequestBody(containing("Action=DescribeInstances"))
                .willReturn(response));
    }

    private static RuntimeException describeInstances() {
        Throwable t = catchThrowable(() -> Ec2Failures.call(
                () -> api.getInstanceApi().get().describeInstancesInRegion(Ec2Fake.REGION)));
        assertThat(t).isNotNull();
        return (RuntimeException) t;
    }

    private static ResponseDefinitionBuilder ec2Error(int status, String code) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml")
                .withBody(Ec2Fake.errorXml(code, "injected " + code));
    }

    @Test
    void unavailableWithRetryAfterCarriesTheDelay() {
        describeInstancesAnswers(ec2Error(503, "Unavailable").withHeader("Retry-After", "2"));
        assertThat(describeInstances()).isExactlyInstanceOf(RemoteUnavailableException.class)
                .satisfies(e -> assertThat(((RemoteUnavailableException) e).retryAfter())
                        .contains(Duration.ofSeconds(2)));
    }

    @Test
    void requestLimitExceededIsThrottling() {
        describeInstancesAnswers(ec2Error(503, "RequestLimitExceeded"));
        assertThat(describeInstances()).isInstanceOf(RemoteThrottledException.class);
    }

    @Test
    void bare429WithRetryAfterIsThrottlingWithTheDelay() {
        describeInstancesAnswers(aResponse().withStatus(429).withHeader("Retry-After", "3"));
        assertThat(describeInstances()).isInstanceOf(RemoteThrottledException.class)
                .satisfies(e -> assertThat(((RemoteThrottledException) e).retryAfter())
                        .contains(Duration.ofSeconds(3)));
    }

    @Test
    void internalErrorIsUnavailability() {
        describeInstancesAnswers(ec2Error(500, "InternalError"));
        assertThat(describeInstances()).isExactlyInstanceOf(RemoteUnavailableException.class);
    }

    @Test
    void connectionResetIsUnavailability() {
        describeInstancesAnswers(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        assertThat(describeInstances()).isExactlyInstanceOf(RemoteUnavailableException.class);
    }

    @Test
    void slowAnswerBeyondTheSocketTimeoutIsUnavailability() {
        describeInstancesAnswers(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody("<DescribeInstancesResponse><reservationSet/></DescribeInstancesResponse>")
                .withFixedDelay(5_000));
        assertThat(describeInstances()).isExactlyInstanceOf(RemoteTimeoutException.class);
    }

    @Test
    void malformedBodyIsAProtocolFailure() {
        describeInstancesAnswers(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody("<DescribeInstancesResponse><reservationSet><item><instancesSet><item><instanceId>i-1"));
        assertThat(describeInstances()).isInstanceOf(RemoteProtocolException.class);
    }

    @Test
    void expiredOrRejectedCredentialsAreCredentialFailures() {
        describeInstancesAnswers(ec2Error(401, "AuthFailure"));
        assertThat(describeInstances()).isInstanceOf(RemoteCredentialsException.class);
        describeInstancesAnswers(ec2Error(400, "RequestExpired"));
        assertThat(describeInstances()).isInstanceOf(RemoteCredentialsException.class);
    }

    @Test
    void unknownIdReadsAsAbsentAndIsARequestFailureWithStatus404ForActions() {
        assertThat(Ec2Failures.call(() -> api.getInstanceApi().get()
                .describeInstancesInRegion(Ec2Fake.REGION, "i-0000000000000dead"))).isEmpty();
        Throwable t = catchThrowable(() -> Ec2Failures.call(
                () -> api.getInstanceApi().get().startInstancesInRegion(Ec2Fake.REGION, "i-0000000000000dead")));
        assertThat(t).isInstanceOf(RemoteRequestException.class);
        assertThat(((RemoteRequestException) t).status()).isEqualTo(404);
    }
}
