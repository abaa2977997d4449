package io.skyfed.drivers.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.skyfed.drivers.fakes.RecordedProvider;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.ProviderSettings;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The token endpoint, the Compute API and the Cloud Storage API on one WireMock server (their paths do not
 * overlap), backed by the stateful fakes; faults are stubbed on top.
 */
public final class GoogleStubs implements AutoCloseable {

    final GoogleTestKey key = new GoogleTestKey();
    final GceFake gce = new GceFake(key.publicKey());
    final GcsFake gcs = new GcsFake(gce);
    final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
            .extensions(gce, gcs));

    GoogleStubs() {
        gce.storage(gcs::content);
        server.start();
        resetFaults();
    }

    /** Back to the fakes alone: every fault stub removed, the request journal emptied. */
    void resetFaults() {
        server.resetAll();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(GceFake.NAME)));
        server.stubFor(any(urlPathMatching("/(upload/)?storage/v1/.*")).atPriority(9)
                .willReturn(aResponse().withTransformers(GcsFake.NAME)));
    }

    Credentials credentials() {
        return new Credentials(GoogleTestKey.CLIENT_EMAIL, key.json());
    }

    ProviderSettings settings(String providerId, Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>();
        properties.put("token-endpoint", server.baseUrl() + "/token");
        properties.put("storage-endpoint", server.baseUrl());
        properties.put("image-projects", "");
        properties.put("operation-poll", "PT0.02S");
        properties.put("import-bucket", "skyfed-test-images");
        properties.putAll(extra);
        return new ProviderSettings(providerId, URI.create(server.baseUrl() + "/compute/v1"), GceFake.REGION,
                properties);
    }

    /** A fresh fake of this provider with the settings and credentials that reach it, for the broker's tests. */
    public static RecordedProvider recorded(String providerId) {
        GoogleStubs stubs = new GoogleStubs();
        return new RecordedProvider("google", stubs.settings(providerId, new HashMap<>()), stubs.credentials(), stubs);
    }

    @Override
    public void close() {
        server.stop();
    }
}
