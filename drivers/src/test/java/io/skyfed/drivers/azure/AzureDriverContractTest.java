package io.skyfed.drivers.azure;

import io.skyfed.drivers.contract.BlobStoreContract;
import io.skyfed.drivers.contract.CapacityContract;
import io.skyfed.drivers.contract.DriverContractTest;
import io.skyfed.drivers.contract.KeysContract;
import io.skyfed.drivers.contract.StorageSnapshotsContract;
import io.skyfed.drivers.contract.StorageVolumesContract;
import io.skyfed.drivers.spi.DriverFactory;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.ProviderSettings;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** The driver contract, on the azure driver against Resource Manager as documented, served by WireMock. */
class AzureDriverContractTest extends DriverContractTest implements KeysContract, StorageVolumesContract,
        StorageSnapshotsContract, BlobStoreContract, CapacityContract {

    private static final AzureStubs STUBS = new AzureStubs();
    private static final AzureDriverFactory FACTORY = new AzureDriverFactory();

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
        return AzureStubs.credentials();
    }

    @Override
    protected ProviderSettings settings() {
        return STUBS.settings("azure-contract", Map.of("fault.timeout", "PT10S"));
    }
}
