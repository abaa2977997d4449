package io.skyfed.drivers.rhevm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.Options;
import io.skyfed.drivers.fakes.RecordedProvider;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.ProviderSettings;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** An oVirt engine (API, SSO and image I/O) on WireMock, backed by {@link OvirtFake}; faults are stubbed on top. */
public final class OvirtStubs implements AutoCloseable {

    final OvirtFake engine = new OvirtFake();
    final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
            // image I/O says how long a download is, as the daemon does
            .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER).extensions(engine));

    OvirtStubs() {
        server.start();
        resetFaults();
    }

    void resetFaults() {
        server.resetAll();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(OvirtFake.NAME)));
    }

    static Credentials credentials() {
        return new Credentials(OvirtFake.USER, OvirtFake.PASSWORD);
    }

    /** Settings of a provider on this engine; polls are quick, since the fake moves on at every read. */
    ProviderSettings settings(String providerId, Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>();
        properties.put("poll-interval", "PT0.01S");
        properties.put("wait-timeout", "PT20S");
        properties.putAll(extra);
        return new ProviderSettings(providerId, URI.create(server.baseUrl() + OvirtFake.API), null, properties);
    }

    /** A fresh fake of this provider with the settings and credentials that reach it, for the broker's tests. */
    public static RecordedProvider recorded(String providerId) {
        OvirtStubs stubs = new OvirtStubs();
        return new RecordedProvider("rhevm", stubs.settings(providerId, new HashMap<>()), credentials(), stubs);
    }

    @Override
    public void close() {
        server.stop();
    }
}
