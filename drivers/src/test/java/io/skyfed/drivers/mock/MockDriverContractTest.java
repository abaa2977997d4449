package io.skyfed.drivers.mock;

import io.skyfed.drivers.contract.AddressesContract;
import io.skyfed.drivers.contract.BlobStoreContract;
import io.skyfed.drivers.contract.CapacityContract;
import io.skyfed.drivers.contract.DriverContractTest;
import io.skyfed.drivers.contract.FirewallsContract;
import io.skyfed.drivers.contract.KeysContract;
import io.skyfed.drivers.contract.LoadBalancersContract;
import io.skyfed.drivers.contract.MetricsContract;
import io.skyfed.drivers.contract.RangedProfilesContract;
import io.skyfed.drivers.contract.StorageSnapshotsContract;
import io.skyfed.drivers.contract.StorageVolumesContract;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverFactory;
import io.skyfed.drivers.spi.ProviderSettings;

/** The driver contract, on the mock. */
class MockDriverContractTest extends DriverContractTest implements KeysContract,
        StorageVolumesContract, StorageSnapshotsContract, BlobStoreContract, AddressesContract, FirewallsContract,
        LoadBalancersContract, MetricsContract, CapacityContract, RangedProfilesContract {

    private final MockDriverFactory factory = new MockDriverFactory();

    @Override
    public DriverFactory factory() {
        return factory;
    }

    @Override
    protected Credentials credentials() {
        return new Credentials(MockDriverFactory.USER, MockDriverFactory.PASSWORD);
    }

    @Override
    public boolean firewallsHaveEgressRules() {
        return true;
    }

    @Override
    protected ProviderSettings settings() {
        return ProviderSettings.of("contract");
    }
}
