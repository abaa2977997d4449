package io.skyfed.drivers.ec2;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.skyfed.drivers.fakes.RecordedProvider;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.ProviderSettings;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An EC2 endpoint and an S3 endpoint on WireMock, each backed by its stateful fake; faults are stubbed on top.
 * Public for broker's end-to-end migration tests (drivers' test-jar).
 */
public final class Ec2Stubs implements AutoCloseable {

    final S3Fake s3 = new S3Fake();
    final Ec2Fake ec2 = new Ec2Fake(s3);
    final WireMockServer ec2Server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
            .extensions(ec2));
    final WireMockServer s3Server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
            .extensions(s3));

    public Ec2Stubs() {
        ec2Server.start();
        s3Server.start();
        resetFaults();
    }

    /** Back to the fakes alone: every fault stub removed. */
    void resetFaults() {
        ec2Server.resetAll();
        s3Server.resetAll();
        ec2Server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(Ec2Fake.NAME)));
        s3Server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(S3Fake.NAME)));
    }

    /**
     * The next {@code times} calls of {@code action} take effect in the fake but their answers are lost (0: none
     * more), for the broker's tests of crashes between a create and its checkpoint.
     */
    public void loseAnswersTo(String action, int times) {
        ec2.loseAnswersTo(action, times);
    }

    /** How many instances RunInstances really launched so far. */
    public int launches() {
        return ec2.launches();
    }

    /** The EC2 endpoint, for the broker's tests to stub faults on top of the fake (priority above 10). */
    public WireMockServer ec2Endpoint() {
        return ec2Server;
    }

    /** The first call of {@code action} gets {@code fault}; later ones reach the fake. */
    void failOnce(String action, ResponseDefinitionBuilder fault) {
        ec2Server.stubFor(post(urlEqualTo("/")).atPriority(1).inScenario("once-" + action)
                .whenScenarioStateIs(Scenario.STARTED).withRequestBody(containing("Action=" + action + "&"))
                .willReturn(fault).willSetStateTo("failed"));
    }

    /** The requests of {@code action} the EC2 endpoint received. */
    List<LoggedRequest> calls(String action) {
        return ec2Server.findAll(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=" + action + "&")));
    }

    /** EC2's answer while the service is unavailable. */
    static ResponseDefinitionBuilder unavailable() {
        return aResponse().withStatus(503).withHeader("Content-Type", "text/xml")
                .withBody(Ec2Fake.errorXml("Unavailable", "injected"));
    }

    public static Credentials credentials() {
        return new Credentials(Ec2Fake.ACCESS_KEY, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    }

    public ProviderSettings settings(String providerId, Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(extra);
        properties.put("s3-endpoint", s3Server.baseUrl());
        return new ProviderSettings(providerId, URI.create(ec2Server.baseUrl()), Ec2Fake.REGION, properties);
    }

    /** A fresh fake of this provider with the settings and credentials that reach it, for the broker's tests. */
    public static RecordedProvider recorded(String providerId) {
        Ec2Stubs stubs = new Ec2Stubs();
        return new RecordedProvider("ec2", stubs.settings(providerId, new HashMap<>()), credentials(), stubs);
    }

    @Override
    public void close() {
        ec2Server.stop();
        s3Server.stop();
    }
}
