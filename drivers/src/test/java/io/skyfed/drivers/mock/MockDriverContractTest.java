package io.skyfed.drivers.mock;

import io.skyfed.drivers.contract.DriverContractTest;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverFactory;
import io.skyfed.drivers.spi.ProviderSettings;

/** The driver contract, on the mock. */
class MockDriverContractTest extends DriverContractTest {

    private final MockDriverFactory factory = new MockDriverFactory();

    @Override
    protected DriverFactory factory() {
        return factory;
    }

    @Override
    protected Credentials credentials() {
        return new Credentials(MockDriverFactory.USER, MockDriverFactory.PASSWORD);
    }

    @Override
    protected ProviderSettings settings() {
        return ProviderSettings.of("contract");
    }
}
