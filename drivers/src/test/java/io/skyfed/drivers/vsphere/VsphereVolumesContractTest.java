package io.skyfed.drivers.vsphere;

import io.skyfed.drivers.contract.StorageSnapshotsContract;
import io.skyfed.drivers.contract.StorageVolumesContract;
import io.skyfed.drivers.spi.DriverFactory;
import io.skyfed.drivers.spi.DriverSession;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The storage volume and snapshot contracts on the vsphere driver with {@code vi-json-release} set, against the VI
 * JSON API's First Class Disks as documented (served by WireMock). Run on their own because the driver offers these
 * collections only with that setting, while {@link VsphereDriverContractTest} runs the driver as vCenter 7 sees it.
 */
class VsphereVolumesContractTest implements StorageVolumesContract, StorageSnapshotsContract {

    private static final VsphereStubs STUBS = new VsphereStubs();
    private static final VsphereDriverFactory FACTORY = new VsphereDriverFactory();

    private DriverSession session;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void open() {
        session = FACTORY.connect(VsphereStubs.credentials(), STUBS.settings("vsphere-volumes-contract",
                Map.of("fault.timeout", "PT10S", "vi-json-release", "8.0.1.0")));
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Override
    public DriverFactory factory() {
        return FACTORY;
    }

    @Override
    public DriverSession session() {
        return session;
    }
}
