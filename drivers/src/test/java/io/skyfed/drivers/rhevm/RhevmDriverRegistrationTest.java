package io.skyfed.drivers.rhevm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.drivers.DriverRegistry;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverFactory;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.ProviderSettings;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The broker finds drivers through {@link DriverRegistry} (ServiceLoader), so {@code skyfed.providers.<name>.driver=
 * rhevm} reaches this driver; bad settings are refused before any call.
 */
class RhevmDriverRegistrationTest {

    private final DriverFactory rhevm = DriverRegistry.load().find("rhevm").orElseThrow();
    private final Credentials any = new Credentials("admin@internal", "secret");

    @Test
    void isRegisteredUnderItsDeltacloudName() {
        assertThat(rhevm).isInstanceOf(RhevmDriverFactory.class);
        assertThat(rhevm.displayName()).isEqualTo("RHEVM");
        assertThat(rhevm.health("never-connected")).isEmpty();
    }

    @Test
    void refusesBadSettingsWithAClearMessage() {
        assertThatThrownBy(() -> rhevm.connect(any, new ProviderSettings("p", null, null, Map.of())))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("ovirt-engine/api");
        assertThatThrownBy(() -> rhevm.connect(any, new ProviderSettings("p", URI.create("ftp://engine/api"), null,
                Map.of()))).isInstanceOf(InvalidArgumentException.class);
        URI api = URI.create("https://engine.example/ovirt-engine/api");
        assertThatThrownBy(() -> rhevm.connect(any, new ProviderSettings("p", api, null, Map.of("auth", "kerberos"))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("auth");
        assertThatThrownBy(() -> rhevm.connect(any, new ProviderSettings("p", api, null,
                Map.of("storage-domain", "data1&search=*")))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("storage-domain");
        assertThatThrownBy(() -> rhevm.connect(any, new ProviderSettings("p", api, null,
                Map.of("poll-interval", "-PT1S")))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("poll-interval");
    }
}
