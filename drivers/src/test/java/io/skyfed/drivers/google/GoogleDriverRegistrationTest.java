package io.skyfed.drivers.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.drivers.DriverRegistry;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.ProviderSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The broker finds the driver under its Deltacloud name and refuses unusable keys and settings before any call. */
class GoogleDriverRegistrationTest {

    private final GoogleTestKey key = new GoogleTestKey();

    @Test
    void isRegisteredAsGoogle() {
        assertThat(DriverRegistry.load().find("google")).get().isInstanceOf(GoogleDriverFactory.class)
                .extracting(f -> f.displayName().toLowerCase()).isEqualTo("google");
    }

    @Test
    void refusesASecretThatIsNotAJsonKeyWithoutQuotingIt() {
        Credentials notAKey = new Credentials("", "-----BEGIN PRIVATE KEY----- s3cr3t");
        assertThatThrownBy(() -> new GoogleDriverFactory().connect(notAKey, ProviderSettings.of("gce")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageNotContaining("s3cr3t");
    }

    @Test
    void refusesAUserThatIsNotTheKeysAccount() {
        Credentials other = new Credentials("someone@else.iam.gserviceaccount.com", key.json());
        assertThatThrownBy(() -> new GoogleDriverFactory().connect(other, ProviderSettings.of("gce")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("client_email");
    }

    @Test
    void refusesMalformedSettings() {
        Credentials credentials = new Credentials("", key.json());
        assertThatThrownBy(() -> new GoogleDriverFactory().connect(credentials,
                new ProviderSettings("gce", null, "Mars", Map.of())))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("region");
        assertThatThrownBy(() -> new GoogleDriverFactory().connect(credentials,
                new ProviderSettings("gce", null, null, Map.of("token-endpoint", "ftp://x"))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("token-endpoint");
    }
}
