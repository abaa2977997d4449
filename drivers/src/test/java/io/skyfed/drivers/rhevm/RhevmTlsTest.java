package io.skyfed.drivers.rhevm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.ProviderSettings;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * An engine behind TLS with a certificate of its own CA ({@code engine-tls.p12}, whose certificate is
 * {@code engine-ca.pem}): trusted with ca-file, refused without it, and a bad ca-file is refused before any call.
 */
class RhevmTlsTest {

    private static final WireMockServer ENGINE = new WireMockServer(wireMockConfig().httpDisabled(true)
            .dynamicHttpsPort().bindAddress("127.0.0.1").keystorePath(resource("engine-tls.p12").toString())
            .keystoreType("PKCS12").keystorePassword("changeit").keyManagerPassword("changeit")
            .extensions(new OvirtFake()));

    static {
        ENGINE.start();
        ENGINE.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(OvirtFake.NAME)));
    }

    private final RhevmDriverFactory factory = new RhevmDriverFactory();

    @AfterAll
    static void stop() {
        ENGINE.stop();
    }

    private static Path resource(String name) {
        try {
            return Path.of(RhevmTlsTest.class.getResource("/ovirt/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProviderSettings settings(String id, Map<String, String> properties) {
        return new ProviderSettings(id, URI.create("https://127.0.0.1:" + ENGINE.httpsPort() + OvirtFake.API), null,
                properties);
    }

    @Test
    void engineSignedByTheConfiguredCaIsTrusted() {
        assertThat(factory.connect(OvirtStubs.credentials(), settings("tls-trusted",
                Map.of("ca-file", resource("engine-ca.pem").toString()))).realms()).hasSize(2);
    }

    @Test
    void engineOfAnUnknownCaIsRefused() {
        assertThatThrownBy(() -> factory.connect(OvirtStubs.credentials(), settings("tls-unknown",
                Map.of("fault.max-retries", "0"))).realms()).isInstanceOf(ProviderUnavailableException.class);
    }

    @Test
    void unreadableCaFileIsRefusedAtConnect() {
        assertThatThrownBy(() -> factory.connect(OvirtStubs.credentials(), settings("tls-bad",
                Map.of("ca-file", resource("hosts.json").toString())))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("ca-file");
        assertThatThrownBy(() -> factory.connect(OvirtStubs.credentials(), settings("tls-missing",
                Map.of("ca-file", "/nonexistent/engine-ca.pem")))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("ca-file");
    }
}
