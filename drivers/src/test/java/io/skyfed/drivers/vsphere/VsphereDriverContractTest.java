package io.skyfed.drivers.vsphere;

import io.skyfed.drivers.contract.CapacityContract;
import io.skyfed.drivers.contract.DriverContractTest;
import io.skyfed.drivers.contract.RangedProfilesContract;
import io.skyfed.drivers.contract.StorageSnapshotsContract;
import io.skyfed.drivers.contract.StorageVolumesContract;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverFactory;
import io.skyfed.drivers.spi.ProviderSettings;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The driver contract, on the vsphere driver against vCenter's Automation API and VI JSON API (8.0 U1, which serves
 * volumes and snapshots as First Class Disks) as documented, served by WireMock.
 */
class VsphereDriverContractTest extends DriverContractTest implements CapacityContract, RangedProfilesContract,
        StorageVolumesContract, StorageSnapshotsContract {

    private static final VsphereStubs STUBS = new VsphereStubs();
    private static final VsphereDriverFactory FACTORY = new VsphereDriverFactory();

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
        return VsphereStubs.credentials();
    }

    @Override
    protected ProviderSettings settings() {
        return STUBS.settings("vsphere-contract", Map.of("fault.timeout", "PT10S", "vi-json-release", "8.0.1.0"));
    }
}
