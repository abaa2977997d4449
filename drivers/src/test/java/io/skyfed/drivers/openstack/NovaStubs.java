package io.skyfed.drivers.openstack;

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
 * Keystone v3, Nova, Glance, Cinder, Neutron and Swift on one WireMock server, backed by their fakes; faults are
 * stubbed on top.
 */
public final class NovaStubs implements AutoCloseable {

    final CinderFake cinder = new CinderFake();
    final NovaFake nova = new NovaFake(cinder);
    final NeutronFake neutron = new NeutronFake(nova::serverGroups);
    final SwiftFake swift = new SwiftFake();
    final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
            .extensions(nova, swift, cinder, neutron));

    NovaStubs() {
        server.start();
        resetFaults();
    }

    void resetFaults() {
        server.resetAll();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(NovaFake.NAME)));
        server.stubFor(any(urlPathMatching("/swift/.*")).atPriority(9)
                .willReturn(aResponse().withTransformers(SwiftFake.NAME)));
        server.stubFor(any(urlPathMatching("/volume/.*")).atPriority(9)
                .willReturn(aResponse().withTransformers(CinderFake.NAME)));
        server.stubFor(any(urlPathMatching("/network/.*")).atPriority(9)
                .willReturn(aResponse().withTransformers(NeutronFake.NAME)));
    }

    static Credentials credentials() {
        return new Credentials(NovaFake.DOMAIN + ":" + NovaFake.USER, NovaFake.PASSWORD);
    }

    ProviderSettings settings(String providerId, Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(extra);
        properties.put("keystone.scope", "project:" + NovaFake.PROJECT);
        return new ProviderSettings(providerId, URI.create(server.baseUrl() + "/identity/v3"), NovaFake.REGION,
                properties);
    }

    /** A fresh fake of this provider with the settings and credentials that reach it, for the broker's tests. */
    public static RecordedProvider recorded(String providerId) {
        NovaStubs stubs = new NovaStubs();
        return new RecordedProvider("openstack", stubs.settings(providerId, new HashMap<>()), credentials(), stubs);
    }

    @Override
    public void close() {
        server.stop();
    }
}
