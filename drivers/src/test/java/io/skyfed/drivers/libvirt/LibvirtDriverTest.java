package io.skyfed.drivers.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.drivers.spi.CapacityReport;
import io.skyfed.drivers.spi.CapacityResource;
import io.skyfed.drivers.spi.DiskImportSpec;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.HardwareProperty;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.OperationNotSupportedException;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the libvirt driver reads from the described host, beyond the common contract. */
class LibvirtDriverTest {

    private static final AtomicInteger PROVIDERS = new AtomicInteger();
    private static final String WEB_1 = "6695eb01-f6a4-8304-79aa-97f2502e193f";
    private static final String LEGACY_DB = "7795eb01-f6a4-8304-79aa-97f2502e193f";

    private final LibvirtDriverFactory factory = new LibvirtDriverFactory();
    private DriverSession session;

    @BeforeEach
    void connect() {
        // A provider per test: a fresh connection, so a fresh copy of the described host.
        session = factory.connect(LibvirtTestHost.credentials(),
                LibvirtTestHost.settings("kvm-" + PROVIDERS.incrementAndGet(), Map.of()));
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void mapsDomainStatesAndRecordedMetadata() {
        Instance web = session.instance(WEB_1);
        assertThat(web.name()).isEqualTo("web-1");
        assertThat(web.state()).isEqualTo(InstanceState.RUNNING);
        assertThat(web.imageId()).isEqualTo("debian-12.qcow2");
        assertThat(web.profile().hardwareProfileId()).isEqualTo("medium");
        assertThat(web.realmId()).isEqualTo(LibvirtTestHost.REALM);

        Instance legacy = session.instance(LEGACY_DB);
        assertThat(legacy.state()).isEqualTo(InstanceState.STOPPED);
        assertThat(legacy.profile().hardwareProfileId()).as("a domain Skyfed did not create").isEqualTo("custom");
        assertThat(legacy.profile().overrides()).containsEntry("cpu", "4").containsEntry("memory", "8192");
    }

    @Test
    void imagesAreTheTemplatesNotTheInstanceDisks() {
        assertThat(session.images(ImageFilter.ALL)).extracting(Image::id)
                .containsExactly("alma-9.qcow2", "debian-12.qcow2");
    }

    @Test
    void customProfileRangesUpToTheHost() {
        HardwareProperty cpu = session.hardwareProfile("custom").property("cpu").orElseThrow();
        HardwareProperty memory = session.hardwareProfile("custom").property("memory").orElseThrow();
        assertThat(cpu.last()).isEqualTo("32");
        assertThat(memory.last()).isEqualTo("131072");
    }

    @Test
    void createdInstanceGetsTheChosenSizeAndItsOwnDisk() {
        Instance created = session.createInstance(new InstanceSpec("alma-9.qcow2", null, "custom",
                Map.of("cpu", "6", "memory", "12288"), "batch-7", null, null, List.of()));
        assertThat(created.state()).isEqualTo(InstanceState.RUNNING);
        assertThat(created.profile().overrides()).containsEntry("cpu", "6").containsEntry("memory", "12288");
        CapacityReport capacity = session.capacity().orElseThrow().capacity();
        assertThat(capacity.total(CapacityResource.VCPUS).orElseThrow().used()).isEqualTo(2 + 6);
        assertThat(capacity.total(CapacityResource.MEMORY_MB).orElseThrow().used()).isEqualTo(4096 + 12288);
        assertThat(session.images(ImageFilter.ALL)).extracting(Image::id).doesNotContain("batch-7-disk.qcow2");

        assertThatThrownBy(() -> session.createInstance(new InstanceSpec("alma-9.qcow2", null, null, Map.of(),
                "batch-7", null, null, List.of())))
                .as("names are unique per host: a repeated create cannot make a second domain")
                .isInstanceOf(InvalidArgumentException.class);
        session.destroy(created.id());
    }

    @Test
    void capacityComesFromTheHost() {
        CapacityReport capacity = session.capacity().orElseThrow().capacity();
        assertThat(capacity.total(CapacityResource.VCPUS).orElseThrow().limit()).isEqualTo(32);
        assertThat(capacity.total(CapacityResource.VCPUS).orElseThrow().used()).isEqualTo(2);
        assertThat(capacity.total(CapacityResource.MEMORY_MB).orElseThrow().limit()).isEqualTo(131072);
        assertThat(capacity.total(CapacityResource.MEMORY_MB).orElseThrow().used()).isEqualTo(4096);
        assertThat(capacity.total(CapacityResource.STORAGE_GB).orElseThrow().limit()).isPositive();
        assertThat(capacity.total(CapacityResource.INSTANCES).orElseThrow().used()).isEqualTo(1);
    }

    @Test
    void aCreateThatFailsHalfWayLeavesNothingBehind() {
        // A misconfigured domain type: the disk is cloned, then libvirt refuses to define the domain.
        DriverSession kvmOnTest = factory.connect(LibvirtTestHost.credentials(), LibvirtTestHost.settings(
                "kvm-wrong-type-" + PROVIDERS.incrementAndGet(), Map.of("domain-type", "bogus")));
        int before = kvmOnTest.instances().size();
        assertThatThrownBy(() -> kvmOnTest.createInstance(new InstanceSpec("debian-12.qcow2", null, null, Map.of(),
                "half-made", null, null, List.of()))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("bogus");
        assertThat(kvmOnTest.instances()).hasSize(before);
        assertThat(kvmOnTest.images(ImageFilter.ALL)).extracting(Image::id)
                .containsExactly("alma-9.qcow2", "debian-12.qcow2");
    }

    @Test
    void diskExportNeedsAStoppedInstanceAndTheTestDriverCannotStreamVolumes() {
        DiskTransferService transfer = session.diskTransfer().orElseThrow();
        assertThatThrownBy(() -> transfer.exportDisk(WEB_1, "qcow2")).isInstanceOf(InvalidStateException.class);
        session.stop(WEB_1);
        assertThatThrownBy(() -> transfer.exportDisk(WEB_1, "qcow2"))
                .isInstanceOf(OperationNotSupportedException.class)
                .hasMessageContaining("virStorageVolDownload");
    }

    @Test
    void failedImportRemovesTheVolumeItCreated() {
        DiskTransferService transfer = session.diskTransfer().orElseThrow();
        assertThatThrownBy(() -> transfer.importDisk(new DiskImportSpec("imported", "vmdk", 1 << 20, 1 << 20, null),
                new ByteArrayInputStream(new byte[16]))).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> transfer.importDisk(new DiskImportSpec("imported", "raw", 1 << 20, 1 << 20, null),
                new ByteArrayInputStream(new byte[1 << 20])))
                .isInstanceOf(OperationNotSupportedException.class)
                .hasMessageContaining("virStorageVolUpload");
        assertThat(session.images(ImageFilter.ALL)).extracting(Image::id).doesNotContain("imported");
    }
}
