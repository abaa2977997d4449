package io.skyfed.drivers.google;

import io.skyfed.drivers.contract.BlobStoreContract;
import io.skyfed.drivers.contract.CapacityContract;
import io.skyfed.drivers.contract.DriverContractTest;
import io.skyfed.drivers.contract.FirewallsContract;
import io.skyfed.drivers.contract.KeysContract;
import io.skyfed.drivers.contract.PagedInstancesContract;
import io.skyfed.drivers.contract.StorageSnapshotsContract;
import io.skyfed.drivers.contract.StorageVolumesContract;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverFactory;
import io.skyfed.drivers.spi.ProviderSettings;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;

/**
 * The driver contract, on the google driver against Compute Engine and Cloud Storage as documented, served by
 * WireMock; wrong credentials are a JSON key whose private key the service account does not have.
 */
class GoogleDriverContractTest extends DriverContractTest implements KeysContract, StorageVolumesContract,
        StorageSnapshotsContract, BlobStoreContract, CapacityContract, FirewallsContract, PagedInstancesContract {

    private static final String PAGED_ZONE = "us-central1-b";

    private static final GoogleStubs STUBS = new GoogleStubs();
    private static final GoogleDriverFactory FACTORY = new GoogleDriverFactory();

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
        return STUBS.credentials();
    }

    @Override
    protected Credentials wrongCredentials() {
        return new Credentials(GoogleTestKey.CLIENT_EMAIL, new GoogleTestKey().json());
    }

    @Override
    protected ProviderSettings settings() {
        return STUBS.settings("google-contract", Map.of("fault.timeout", "PT10S"));
    }

    @Override
    public List<String> pageInstances(int pageSize, int count) {
        STUBS.gce.pageSize(pageSize);
        STUBS.gce.seed(PAGED_ZONE, "paged-", count, "RUNNING");
        return IntStream.range(0, count).mapToObj(n -> "paged-" + n).toList();
    }

    @Override
    public int instancePagesServed() {
        return STUBS.gce.instancePages();
    }

    @Override
    public void unpageInstances() {
        STUBS.gce.remove(PAGED_ZONE, "paged-");
        STUBS.gce.pageSize(4);
    }
}
