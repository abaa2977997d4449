package io.skyfed.drivers.rhevm;

import io.skyfed.drivers.contract.CapacityContract;
import io.skyfed.drivers.contract.DriverContractTest;
import io.skyfed.drivers.contract.PagedInstancesContract;
import io.skyfed.drivers.contract.RangedProfilesContract;
import io.skyfed.drivers.contract.StorageSnapshotsContract;
import io.skyfed.drivers.contract.StorageVolumesContract;
import io.skyfed.drivers.spi.StorageVolume;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverFactory;
import io.skyfed.drivers.spi.ProviderSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** The driver contract, on the rhevm driver against an oVirt engine's REST API v4 as documented, on WireMock. */
class RhevmDriverContractTest extends DriverContractTest implements StorageVolumesContract, CapacityContract,
        RangedProfilesContract, StorageSnapshotsContract, PagedInstancesContract {

    private static final OvirtStubs STUBS = new OvirtStubs();
    private static final RhevmDriverFactory FACTORY = new RhevmDriverFactory();

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
        return OvirtStubs.credentials();
    }

    @Override
    protected ProviderSettings settings() {
        return STUBS.settings("rhevm-contract", Map.of("fault.timeout", "PT10S", "page-size", "3"));
    }

    /** The engine snapshots disks through their VM: the volume is attached to the first VM for the snapshot. */
    @Override
    public void readyForSnapshot(StorageVolume volume) {
        session().storageVolumes().orElseThrow().attach(volume.id(), session().instances().get(0).id(), null);
    }

    @Override
    public void doneWithSnapshot(StorageVolume volume) {
        if (session().storageVolumes().orElseThrow().get(volume.id()).attachment() != null) {
            session().storageVolumes().orElseThrow().detach(volume.id());
        }
    }

    private final List<String> paged = new ArrayList<>();

    /** The provider's page-size is 3 (its settings), so the fake's sorted search answers pages of three. */
    @Override
    public List<String> pageInstances(int pageSize, int count) {
        paged.addAll(STUBS.engine.seedVms("paged-", count));
        return List.copyOf(paged);
    }

    @Override
    public int instancePagesServed() {
        return STUBS.engine.vmPages();
    }

    @Override
    public void unpageInstances() {
        STUBS.engine.removeVms(paged);
        paged.clear();
    }
}
