package io.skyfed.drivers.vsphere;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.skyfed.drivers.fakes.RecordedProvider;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.ProviderSettings;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** vCenter's Automation API on WireMock, backed by {@link VsphereFake}; faults are stubbed on top. */
public final class VsphereStubs implements AutoCloseable {

    final VsphereFake vcenter = new VsphereFake();
    final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
            .extensions(vcenter));

    VsphereStubs() {
        server.start();
        resetFaults();
    }

    void resetFaults() {
        server.resetAll();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(VsphereFake.NAME)));
    }

    static Credentials credentials() {
        return new Credentials(VsphereFake.USER, VsphereFake.PASSWORD);
    }

    ProviderSettings settings(String providerId, Map<String, String> properties) {
        return new ProviderSettings(providerId, URI.create(server.baseUrl()), null, properties);
    }

    /** A fresh fake of this provider with the settings and credentials that reach it, for the broker's tests. */
    public static RecordedProvider recorded(String providerId) {
        VsphereStubs stubs = new VsphereStubs();
        return new RecordedProvider("vsphere", stubs.settings(providerId, new HashMap<>()), credentials(), stubs);
    }

    @Override
    public void close() {
        server.stop();
    }
}
