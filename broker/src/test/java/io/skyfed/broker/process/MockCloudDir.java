package io.skyfed.broker.process;

import io.skyfed.drivers.mock.MockDriverFactory;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.ProviderSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Mock clouds kept in a directory ({@code state-dir}), shared by the brokers under test and the test itself: the
 * test creates source instances there and inspects what the brokers left behind, as one would look at a real
 * cloud's console.
 */
final class MockCloudDir {

    private final Path directory;
    private final MockDriverFactory factory = new MockDriverFactory();

    MockCloudDir() throws java.io.IOException {
        this.directory = Files.createTempDirectory("skyfed-mock-clouds");
    }

    DriverSession session(String provider) {
        return factory.connect(new Credentials(MockDriverFactory.USER, MockDriverFactory.PASSWORD),
                new ProviderSettings(provider, null, null, Map.of(MockDriverFactory.STATE_DIR, directory.toString())));
    }

    /** Broker properties declaring {@code providers} as mock providers on this directory. */
    Map<String, String> brokerProperties(String... providers) {
        Map<String, Map<String, String>> plain = new java.util.LinkedHashMap<>();
        for (String provider : providers) {
            plain.put(provider, Map.of());
        }
        return brokerProperties(plain);
    }

    /** Broker properties declaring mock providers on this directory, each with its own further provider properties. */
    Map<String, String> brokerProperties(Map<String, Map<String, String>> providers) {
        Map<String, String> properties = new HashMap<>();
        providers.forEach((provider, extra) -> {
            String prefix = "skyfed.providers." + provider + ".";
            properties.put(prefix + "driver", "mock");
            properties.put(prefix + "user", MockDriverFactory.USER);
            properties.put(prefix + "secret", MockDriverFactory.PASSWORD);
            Map<String, String> driverProperties = new HashMap<>(extra);
            driverProperties.put(MockDriverFactory.STATE_DIR, directory.toString());
            driverProperties.forEach((name, value) -> properties.put(prefix + "properties.\"" + name + "\"", value));
        });
        return properties;
    }
}
