package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DiskExport;
import io.skyfed.drivers.spi.DiskImportSpec;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.ProviderSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Imported disks keep their content, report its digest, and with state-dir outlive the factory that made them. */
class MockDisksTest {

    private static final Credentials MOCK = new Credentials(MockDriverFactory.USER, MockDriverFactory.PASSWORD);

    @TempDir
    Path states;

    private static DriverSession connect(MockDriverFactory factory, String provider, Map<String, String> properties) {
        return factory.connect(MOCK, new ProviderSettings(provider, null, null, properties));
    }

    @Test
    void anInstanceOfAnImportedImageExportsWhatWasImported() throws Exception {
        DriverSession session = connect(new MockDriverFactory(), "disks", Map.of());
        DiskTransferService disks = session.diskTransfer().orElseThrow();
        byte[] content = "guest bytes".repeat(1000).getBytes();
        Image image = disks.importDisk(new DiskImportSpec("moved", "raw", content.length, content.length, null),
                new ByteArrayInputStream(content));

        assertThat(disks.contentSha256(image.id())).contains(StoredDisk.sha256(content));
        String instance = session.createInstance(InstanceSpec.ofImage(image.id())).id();
        session.stop(instance);
        try (DiskExport export = disks.exportDisk(instance, "raw")) {
            assertThat(export.content().readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void corruptImportsChangeTheStoredDigestAndImportFormatsAreEnforced() {
        DiskTransferService disks = connect(new MockDriverFactory(), "faulty",
                Map.of("corrupt-imports", "true", "import-formats", "raw")).diskTransfer().orElseThrow();
        byte[] content = new byte[4096];
        Image image = disks.importDisk(new DiskImportSpec("bad", "raw", content.length, content.length, null),
                new ByteArrayInputStream(content));

        assertThat(disks.contentSha256(image.id())).isPresent().get().isNotEqualTo(StoredDisk.sha256(content));
        assertThat(disks.importFormats()).containsExactly("raw");
        assertThatThrownBy(() -> disks.importDisk(new DiskImportSpec("q", "qcow2", 512, 512, null),
                new ByteArrayInputStream(new byte[512]))).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void aStateDirCloudOutlivesItsFactoryAndIsSharedByAnother() throws Exception {
        Map<String, String> properties = Map.of(MockDriverFactory.STATE_DIR, states.toString());
        DriverSession first = connect(new MockDriverFactory(), "lasting", properties);
        byte[] content = "kept".repeat(500).getBytes();
        Image image = first.diskTransfer().orElseThrow().importDisk(
                new DiskImportSpec("kept", "raw", content.length, content.length, null), new ByteArrayInputStream(content));
        String instance = first.createInstance(InstanceSpec.ofImage(image.id())).id();

        DriverSession second = connect(new MockDriverFactory(), "lasting", properties);
        assertThat(second.instance(instance).imageId()).isEqualTo(image.id());
        second.stop(instance);
        try (DiskExport export = second.diskTransfer().orElseThrow().exportDisk(instance, "raw")) {
            assertThat(export.content().readAllBytes()).isEqualTo(content);
        }
        second.destroy(instance);
        assertThat(first.instances()).noneMatch(i -> i.id().equals(instance));
        String next = first.createInstance(InstanceSpec.ofImage("img1")).id();
        assertThat(next).as("ids are never reused across processes").isNotEqualTo(instance);
    }
}
