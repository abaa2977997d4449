package io.skyfed.drivers.fakes;

import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.ProviderSettings;

/**
 * A provider API served by its stateful fake, with the settings and credentials that reach it: for tests outside
 * the drivers module (the broker registers every driver against these), which reuse the fakes and their seed data.
 *
 * @param driver the driver's Deltacloud name
 * @param stubs  what serves the API; closed with this
 */
public record RecordedProvider(String driver, ProviderSettings settings, Credentials credentials,
                               AutoCloseable stubs) implements AutoCloseable {

    @Override
    public void close() throws Exception {
        stubs.close();
    }
}
