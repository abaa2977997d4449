package io.skyfed.drivers.libvirt;

import io.skyfed.drivers.contract.CapacityContract;
import io.skyfed.drivers.contract.DriverContractTest;
import io.skyfed.drivers.contract.RangedProfilesContract;
import io.skyfed.drivers.contract.StorageSnapshotsContract;
import io.skyfed.drivers.contract.StorageVolumesContract;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverFactory;
import io.skyfed.drivers.spi.ProviderSettings;
import java.util.Map;

/** The driver contract, on the libvirt driver against libvirt's test driver and the described host. */
class LibvirtDriverContractTest extends DriverContractTest implements CapacityContract,
        RangedProfilesContract, StorageVolumesContract, StorageSnapshotsContract {

    private static final LibvirtDriverFactory FACTORY = new LibvirtDriverFactory();

    @Override
    public DriverFactory factory() {
        return FACTORY;
    }

    @Override
    protected Credentials credentials() {
        return LibvirtTestHost.credentials();
    }

    @Override
    protected ProviderSettings settings() {
        return LibvirtTestHost.settings("kvm-contract", Map.of("fault.timeout", "PT10S"));
    }
}
