package io.skyfed.drivers.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.drivers.DriverRegistry;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverFactory;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.ProviderSettings;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The broker finds drivers by name in the {@link DriverRegistry} ({@code skyfed.providers.<name>.driver=azure}); bad
 * settings are refused before any call, naming the setting and never the secret.
 */
class AzureRegistrationTest {

    private final DriverFactory azure = DriverRegistry.load().find("azure").orElseThrow();
    private final Credentials any = new Credentials("client-id", "client-secret-value");

    private static Map<String, String> complete() {
        Map<String, String> p = new HashMap<>();
        p.put("subscription-id", "00000000-1111-2222-3333-444444444444");
        p.put("tenant-id", "contoso.onmicrosoft.com");
        p.put("resource-group", "skyfed-rg");
        return p;
    }

    @Test
    void isRegisteredUnderItsDeltacloudName() {
        assertThat(azure).isInstanceOf(AzureDriverFactory.class);
        assertThat(azure.displayName()).isEqualTo("Azure");
        assertThat(azure.health("never-connected")).isEmpty();
    }

    @Test
    void refusesIncompleteOrMalformedSettings() {
        for (String key : new String[] {"subscription-id", "tenant-id", "resource-group"}) {
            Map<String, String> p = complete();
            p.remove(key);
            assertThatThrownBy(() -> azure.connect(any, new ProviderSettings("p", null, "westeurope", p)))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining(key)
                    .hasMessageNotContaining(any.secret());
        }
        assertThatThrownBy(() -> azure.connect(any, new ProviderSettings("p", null, null, complete())))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("region");
        Map<String, String> badGroup = complete();
        badGroup.put("resource-group", "../other");
        assertThatThrownBy(() -> azure.connect(any, new ProviderSettings("p", null, "westeurope", badGroup)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("resource-group");
        assertThatThrownBy(() -> azure.connect(any, new ProviderSettings("p", URI.create("ftp://arm.example"),
                "westeurope", complete()))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("http");
        Map<String, String> root = complete();
        root.put("admin-user", "root");
        assertThatThrownBy(() -> azure.connect(any, new ProviderSettings("p", null, "westeurope", root)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("admin-user");
    }
}
