package io.skyfed.drivers.azure;

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
 * Resource Manager, its token issuer and a storage account's Blob service on one WireMock server, backed by
 * {@link ArmFake} and {@link BlobFake}; faults stubbed on top.
 */
public final class AzureStubs implements AutoCloseable {

    final ArmFake arm = new ArmFake();
    final BlobFake blob = new BlobFake(arm);
    final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
            .extensions(arm, blob));

    AzureStubs() {
        server.start();
        resetFaults();
    }

    /** Back to the fake alone: every fault stub removed. */
    void resetFaults() {
        server.resetAll();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(ArmFake.NAME)));
        server.stubFor(any(urlPathMatching("/" + BlobFake.ACCOUNT + "(/.*)?")).atPriority(9)
                .willReturn(aResponse().withTransformers(BlobFake.NAME)));
    }

    static Credentials credentials() {
        return new Credentials(ArmFake.CLIENT_ID, ArmFake.CLIENT_SECRET);
    }

    ProviderSettings settings(String providerId, Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(extra);
        properties.put("subscription-id", ArmFake.SUBSCRIPTION);
        properties.put("tenant-id", ArmFake.TENANT);
        properties.put("resource-group", ArmFake.GROUP);
        properties.put("login-endpoint", server.baseUrl());
        properties.put("storage-account", BlobFake.ACCOUNT);
        properties.put("blob-endpoint", server.baseUrl());
        properties.put("subnet-id", "/subscriptions/" + ArmFake.SUBSCRIPTION + "/resourceGroups/" + ArmFake.GROUP
                + "/providers/Microsoft.Network/virtualNetworks/skyfed-vnet/subnets/default");
        return new ProviderSettings(providerId, URI.create(server.baseUrl()), ArmFake.LOCATION, properties);
    }

    /** A fresh fake of this provider with the settings and credentials that reach it, for the broker's tests. */
    public static RecordedProvider recorded(String providerId) {
        AzureStubs stubs = new AzureStubs();
        return new RecordedProvider("azure", stubs.settings(providerId, new HashMap<>()), credentials(), stubs);
    }

    @Override
    public void close() {
        server.stop();
    }
}
