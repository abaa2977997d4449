package io.skyfed.drivers.rhevm;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyfed.drivers.spi.CapacityResource;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.StorageSnapshot;
import io.skyfed.drivers.spi.StorageVolume;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every collection whose list the REST API v4 documents {@code search} and {@code max} for is read in pages
 * ({@code sortby name asc page N}, {@code max} = page-size), as the VM listing is (the contract's
 * PagedInstancesContract): templates, hosts, disks, and the VM reads behind capacity and snapshots. The provider's
 * page-size is 3, so the few seeded items plus the copies added here span several pages.
 */
class RhevmPagingTest {

    private static final OvirtStubs STUBS = new OvirtStubs();
    private static final int PAGE = 3;

    private DriverSession paged;
    private DriverSession whole;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        STUBS.resetFaults();
        RhevmDriverFactory factory = new RhevmDriverFactory();
        paged = factory.connect(OvirtStubs.credentials(), STUBS.settings("rhevm-paged",
                Map.of("page-size", Integer.toString(PAGE))));
        whole = factory.connect(OvirtStubs.credentials(), STUBS.settings("rhevm-one-page", Map.of()));
    }

    @Test
    void templatesAreListedPageByPage() {
        List<String> added = STUBS.engine.seedCopies("templates", "paged-template-", 7);
        try {
            int before = STUBS.engine.pages("templates");
            List<String> listed = paged.images(ImageFilter.ALL).stream().map(Image::id).toList();
            assertThat(listed).containsAll(added).doesNotHaveDuplicates();
            assertThat(STUBS.engine.pages("templates") - before).as("images() reads the templates once, in pages")
                    .isGreaterThanOrEqualTo((added.size() + PAGE - 1) / PAGE);
            assertThat(listed).isEqualTo(whole.images(ImageFilter.ALL).stream().map(Image::id).toList());
        } finally {
            STUBS.engine.removeCopies("templates", added);
        }
    }

    @Test
    void hostsAreReadPageByPageForCapacityAndProfiles() {
        long cpusBefore = paged.capacity().orElseThrow().capacity().total(CapacityResource.VCPUS).orElseThrow()
                .limit();
        List<String> added = STUBS.engine.seedCopies("hosts", "paged-host-", 5);
        try {
            int before = STUBS.engine.pages("hosts");
            long cpus = paged.capacity().orElseThrow().capacity().total(CapacityResource.VCPUS).orElseThrow().limit();
            assertThat(STUBS.engine.pages("hosts") - before).isGreaterThanOrEqualTo(2);
            assertThat(cpus).as("the hosts of every page count").isGreaterThan(cpusBefore)
                    .isEqualTo(whole.capacity().orElseThrow().capacity().total(CapacityResource.VCPUS).orElseThrow()
                            .limit());
            assertThat(paged.hardwareProfiles().stream().map(HardwareProfile::id).toList())
                    .isEqualTo(whole.hardwareProfiles().stream().map(HardwareProfile::id).toList());
        } finally {
            STUBS.engine.removeCopies("hosts", added);
        }
    }

    @Test
    void disksAreListedPageByPage() {
        List<String> added = STUBS.engine.seedCopies("disks", "paged-disk-", 7);
        try {
            int before = STUBS.engine.pages("disks");
            List<String> listed = paged.storageVolumes().orElseThrow().list().stream().map(StorageVolume::id)
                    .toList();
            assertThat(listed).containsAll(added).doesNotHaveDuplicates();
            assertThat(STUBS.engine.pages("disks") - before).isGreaterThanOrEqualTo((added.size() + PAGE - 1) / PAGE);
            assertThat(listed).isEqualTo(whole.storageVolumes().orElseThrow().list().stream()
                    .map(StorageVolume::id).toList());
        } finally {
            STUBS.engine.removeCopies("disks", added);
        }
    }

    @Test
    void capacityAndSnapshotsReadTheVmsPageByPage() {
        List<String> added = STUBS.engine.seedVms("paged-vm-", 7);
        try {
            int before = STUBS.engine.vmPages();
            long running = paged.capacity().orElseThrow().capacity().total(CapacityResource.INSTANCES).orElseThrow()
                    .used();
            assertThat(STUBS.engine.vmPages() - before).isGreaterThanOrEqualTo(3);
            assertThat(running).isGreaterThanOrEqualTo(added.size()).isEqualTo(whole.capacity().orElseThrow()
                    .capacity().total(CapacityResource.INSTANCES).orElseThrow().used());
            before = STUBS.engine.vmPages();
            List<String> snapshots = paged.storageSnapshots().orElseThrow().list().stream()
                    .map(StorageSnapshot::id).toList();
            assertThat(STUBS.engine.vmPages() - before).isGreaterThanOrEqualTo(3);
            assertThat(snapshots).isEqualTo(whole.storageSnapshots().orElseThrow().list().stream()
                    .map(StorageSnapshot::id).toList());
        } finally {
            STUBS.engine.removeVms(added);
        }
    }
}
