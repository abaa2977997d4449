package io.skyfed.drivers.ec2;

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

/** The driver contract, on the ec2 driver against EC2 and S3 as documented, served by WireMock. */
class Ec2DriverContractTest extends DriverContractTest implements KeysContract,
        StorageVolumesContract, StorageSnapshotsContract, BlobStoreContract, CapacityContract, FirewallsContract,
        AddressesContract {

    private static final Ec2Stubs STUBS = new Ec2Stubs();
    private static final Ec2DriverFactory FACTORY = new Ec2DriverFactory();

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
        return Ec2Stubs.credentials();
    }

    @Override
    protected Credentials wrongCredentials() {
        return new Credentials("AKIDEXPIREDEXAMPLE", credentials().secret());
    }

    @Override
    public boolean firewallsHaveEgressRules() {
        return true;
    }

    @Override
    protected ProviderSettings settings() {
        return STUBS.settings("ec2-contract", Map.of("fault.timeout", "PT10S"));
    }
}
