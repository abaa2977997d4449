package io.skyfed.drivers.azure;

import io.skyfed.drivers.contract.AddressesContract;
import io.skyfed.drivers.contract.BlobStoreContract;
import io.skyfed.drivers.contract.CapacityContract;
import io.skyfed.drivers.contract.DriverContractTest;
import io.skyfed.drivers.contract.FirewallsContract;
import io.skyfed.drivers.contract.KeysContract;
import io.skyfed.drivers.contract.PagedInstancesContract;
import io.skyfed.drivers.contract.StorageSnapshotsContract;
import io.skyfed.drivers.contract.StorageVolumesContract;
import io.skyfed.drivers.spi.DriverFactory;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.ProviderSettings;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** The driver contract, on the azure driver against Resource Manager as documented, served by WireMock. */
class AzureDriverContractTest extends DriverContractTest implements KeysContract, StorageVolumesContract,
        StorageSnapshotsContract, BlobStoreContract, CapacityContract, PagedInstancesContract, AddressesContract,
        FirewallsContract {

    private static final String VMS = "Microsoft.Compute/virtualMachines";

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

    private final List<String> paged = new ArrayList<>();

    /** VMs as Resource Manager lists them; their NICs are not needed for a listing. */
    @Override
    public List<String> pageInstances(int pageSize, int count) {
        STUBS.arm.pageSize(pageSize);
        for (int i = 0; i < count; i++) {
            String name = "paged-" + (100 + i);
            JsonObject vm = JsonParser.parseString("""
                    {"location": "westeurope", "properties": {"hardwareProfile": {"vmSize": "Standard_B1s"},
                      "storageProfile": {"osDisk": {"name": "%s-osdisk", "createOption": "FromImage"}},
                      "networkProfile": {"networkInterfaces": []}}}""".formatted(name)).getAsJsonObject();
            STUBS.arm.seed(VMS, name, vm);
            paged.add(name);
        }
        return List.copyOf(paged);
    }

    @Override
    public int instancePagesServed() {
        return STUBS.arm.listReads(VMS);
    }

    @Override
    public void unpageInstances() {
        paged.forEach(name -> STUBS.arm.unseed(VMS, name));
        paged.clear();
        STUBS.arm.pageSize(1000);
    }
}
