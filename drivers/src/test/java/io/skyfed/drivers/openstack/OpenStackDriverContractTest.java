package io.skyfed.drivers.openstack;

import io.skyfed.drivers.contract.AddressesContract;
import io.skyfed.drivers.contract.BlobStoreContract;
import io.skyfed.drivers.contract.CapacityContract;
import io.skyfed.drivers.contract.DriverContractTest;
import io.skyfed.drivers.contract.FirewallsContract;
import io.skyfed.drivers.contract.KeysContract;
import io.skyfed.drivers.contract.StorageSnapshotsContract;
import io.skyfed.drivers.contract.StorageVolumesContract;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverFactory;
import io.skyfed.drivers.spi.ProviderSettings;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The driver contract, on the openstack driver against Keystone v3, Nova, Cinder, Neutron and Swift as documented,
 * served by WireMock.
 */
class OpenStackDriverContractTest extends DriverContractTest implements KeysContract,
        BlobStoreContract, CapacityContract, StorageVolumesContract, StorageSnapshotsContract, FirewallsContract,
        AddressesContract {

    private static final NovaStubs STUBS = new NovaStubs();
    private static final OpenStackDriverFactory FACTORY = new OpenStackDriverFactory();

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @Override
    public DriverFactory factory() {
        return FACTORY;
    }

    @Override
    protected Credentials credentials() {
        return NovaStubs.credentials();
    }

    @Override
    protected ProviderSettings settings() {
        return STUBS.settings("openstack-contract", Map.of("fault.timeout", "PT10S"));
    }
}
