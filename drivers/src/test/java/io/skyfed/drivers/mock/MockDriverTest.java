package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.AuthenticationFailedException;
import io.skyfed.drivers.spi.BlobStore;
import io.skyfed.drivers.spi.CapacityResource;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DiskExport;
import io.skyfed.drivers.spi.DiskImportSpec;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceAction;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.ProviderSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What is particular to the mock: its seed, its clock-driven transitions, its isolation and thread safety. */
class MockDriverTest {

    private static final Credentials MOCK = new Credentials(MockDriverFactory.USER, MockDriverFactory.PASSWORD);

    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final MockDriverFactory factory = new MockDriverFactory(clock);

    private DriverSession open(String provider, Map<String, String> properties) {
        return factory.connect(MOCK, new ProviderSettings(provider, null, null, properties));
    }

    @Test
    void seedsTheSameInventoryEveryTime() {
        DriverSession a = open("a", Map.of());
        DriverSession b = new MockDriverFactory(clock).connect(MOCK, ProviderSettings.of("b"));
        assertThat(a.realms()).extracting(r -> r.id()).containsExactly("us", "eu");
        assertThat(a.hardwareProfiles()).extracting(p -> p.id()).containsExactly("m1-small", "m1-large", "m1-xlarge", "opaque");
        assertThat(a.images(ImageFilter.ALL)).extracting(Image::id).containsExactly("img1", "img2", "img3");
        assertThat(a.instances()).extracting(Instance::id).containsExactly("inst0", "inst1", "inst2");
        assertThat(a.instances()).isEqualTo(b.instances());
        assertThat(a.keys().orElseThrow().list()).isEqualTo(b.keys().orElseThrow().list());
        assertThat(a.blobStore().orElseThrow().blobs("bucket1")).hasSize(3);
    }

    @Test
    void pendingBecomesRunningOnlyWhenTheDelayHasPassed() {
        DriverSession session = open("slow", Map.of(MockDriverFactory.TRANSITION_DELAY_MS, "5000"));
        Instance created = session.createInstance(InstanceSpec.ofImage("img1"));
        assertThat(created.state()).isEqualTo(InstanceState.PENDING);
        assertThat(created.actions()).isEmpty();
        clock.advance(Duration.ofMillis(4999));
        assertThat(session.instance(created.id()).state()).isEqualTo(InstanceState.PENDING);
        clock.advance(Duration.ofMillis(1));
        Instance running = session.instance(created.id());
        assertThat(running.state()).isEqualTo(InstanceState.RUNNING);
        assertThat(running.actions()).containsExactlyInAnyOrder(InstanceAction.STOP, InstanceAction.REBOOT,
                InstanceAction.DESTROY, InstanceAction.CREATE_IMAGE);

        assertThat(session.stop(created.id()).state()).isEqualTo(InstanceState.STOPPING);
        assertThatThrownBy(() -> session.stop(created.id())).isInstanceOf(InvalidStateException.class);
        clock.advance(Duration.ofSeconds(5));
        assertThat(session.instance(created.id()).state()).isEqualTo(InstanceState.STOPPED);
    }

    @Test
    void withoutDelayTheNextReadSeesTheTransition() {
        DriverSession session = open("fast", Map.of());
        Instance created = session.createInstance(InstanceSpec.ofImage("img3"));
        assertThat(created.state()).isEqualTo(InstanceState.PENDING);
        assertThat(session.instance(created.id()).state()).isEqualTo(InstanceState.RUNNING);
    }

    @Test
    void createsWithEverythingTheSpecNames() {
        DriverSession session = open("full", Map.of());
        Instance created = session.createInstance(new InstanceSpec("img2", "eu", "m1-large",
                Map.of("memory", "8192", "cpu", "4", "storage", "1024"), "web-1", "test-key", new byte[]{1, 2},
                List.of("web")));
        Instance read = session.instance(created.id());
        assertThat(read.name()).isEqualTo("web-1");
        assertThat(read.realmId()).isEqualTo("eu");
        assertThat(read.profile().hardwareProfileId()).isEqualTo("m1-large");
        assertThat(read.profile().overrides()).containsEntry("memory", "8192");
        assertThat(read.keyName()).isEqualTo("test-key");
        assertThat(read.firewallIds()).containsExactly("web");
        assertThat(read.ownerId()).isEqualTo("mockuser");
        assertThat(read.publicAddresses()).isNotEmpty();
    }

    @Test
    void refusesProfilesThatDoNotFitTheImageAndValuesOutsideEnums() {
        DriverSession session = open("strict", Map.of());
        assertThatThrownBy(() -> session.createInstance(new InstanceSpec("img1", null, "m1-large", Map.of(),
                null, null, null, List.of()))).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("i386");
        assertThatThrownBy(() -> session.createInstance(new InstanceSpec("img2", null, "m1-large",
                Map.of("storage", "900"), null, null, null, List.of())))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("850, 1024");
        assertThatThrownBy(() -> session.createInstance(new InstanceSpec("img2", null, "m1-xlarge",
                Map.of("cpu", "8"), null, null, null, List.of()))).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> session.createInstance(new InstanceSpec("img2", null, null, Map.of(), null,
                "no-such-key", null, List.of()))).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> session.createInstance(new InstanceSpec("img2", null, null, Map.of(), null, null,
                null, List.of("no-such-firewall")))).isInstanceOf(InvalidArgumentException.class);
        assertThat(session.instances()).hasSize(3);
    }

    @Test
    void accountsSeeOnlyTheirOwnInstances() {
        DriverSession session = open("owners", Map.of());
        assertThatThrownBy(() -> session.instance("inst3")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> session.stop("inst3")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void refusesAnyoneButMockuser() {
        assertThatThrownBy(() -> factory.connect(new Credentials("mockuser", "guess"), ProviderSettings.of("x")))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> factory.connect(new Credentials("root", "mockpassword"), ProviderSettings.of("x")))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void providersAreSeparateClouds() {
        DriverSession a = open("one", Map.of());
        DriverSession b = open("two", Map.of());
        Instance created = a.createInstance(InstanceSpec.ofImage("img1"));
        assertThat(a.instances()).extracting(Instance::id).contains(created.id());
        assertThat(b.instances()).extracting(Instance::id).doesNotContain(created.id());
    }

    @Test
    void seedsManyInstancesOnRequest() {
        DriverSession session = open("bench", Map.of(MockDriverFactory.SEED_INSTANCES, "1000"));
        List<Instance> instances = session.instances();
        assertThat(instances).hasSize(1003);
        assertThat(instances).extracting(Instance::id).doesNotHaveDuplicates();
        assertThat(instances).filteredOn(i -> i.id().equals("inst2")).allMatch(i -> i.state() == InstanceState.STOPPED);
        assertThat(instances).filteredOn(i -> !i.id().equals("inst2")).allMatch(i -> i.state() == InstanceState.RUNNING);
        assertThat(instances.get(instances.size() - 1).id()).isEqualTo("inst1003");
        assertThat(session.capacity().orElseThrow().capacity().total(CapacityResource.INSTANCES).orElseThrow().used())
                .isEqualTo(1003); // what runs, of every account: inst3 of anotheruser counts, stopped inst2 does not
    }

    @Test
    void refusesMalformedProviderProperties() {
        assertThatThrownBy(() -> open("bad", Map.of(MockDriverFactory.SEED_INSTANCES, "many")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("seed-instances");
        assertThatThrownBy(() -> open("bad2", Map.of(MockDriverFactory.SEED_INSTANCES, "-1")))
                .isInstanceOf(InvalidArgumentException.class);
        open("exists", Map.of());
        assertThatThrownBy(() -> open("exists", Map.of(MockDriverFactory.TRANSITION_DELAY_MS, "soon")))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void concurrentCreatesGetDistinctIdsAndAllLand() throws Exception {
        DriverSession session = open("concurrent", Map.of());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                tasks.add(() -> session.createInstance(InstanceSpec.ofImage("img3")).id());
            }
            Set<String> ids = ConcurrentHashMap.newKeySet();
            for (Future<String> f : pool.invokeAll(tasks)) {
                ids.add(f.get());
            }
            assertThat(ids).hasSize(200);
            assertThat(session.instances()).hasSize(203);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void destroyingAnInstanceFreesItsVolumesAndAddresses() {
        DriverSession session = open("refs", Map.of());
        assertThat(session.storageVolumes().orElseThrow().get("vol2").attachment().instanceId()).isEqualTo("inst0");
        assertThat(session.instance("inst0").volumes()).extracting(v -> v.volumeId()).containsExactly("vol2");
        session.destroy("inst0");
        assertThat(session.storageVolumes().orElseThrow().get("vol2").attachment()).isNull();
        assertThat(session.loadBalancers().orElseThrow().get("lb1").instanceIds()).isEmpty();
        session.destroy("inst1");
        assertThat(session.addresses().orElseThrow().get("192.0.2.1").instanceId()).isNull();
    }

    @Test
    void deletingAFirewallTakesInstancesOutOfIt() {
        DriverSession session = open("fw", Map.of());
        session.firewalls().orElseThrow().delete("web");
        assertThat(session.instance("inst0").firewallIds()).containsExactly("default");
    }

    @Test
    void capturesImagesOfRunningOrStoppedInstancesOnly() {
        DriverSession session = open("capture", Map.of(MockDriverFactory.TRANSITION_DELAY_MS, "1000"));
        Instance pending = session.createInstance(InstanceSpec.ofImage("img1"));
        assertThatThrownBy(() -> session.imageService().orElseThrow().createFromInstance(pending.id(), "x", null))
                .isInstanceOf(InvalidStateException.class);
        Image image = session.imageService().orElseThrow().createFromInstance("inst1", "golden", "from inst1");
        assertThat(image.name()).isEqualTo("golden");
        assertThat(image.ownerId()).isEqualTo("mockuser");
        assertThat(image.architecture()).isEqualTo("i386");
        assertThat(session.image(image.id())).isEqualTo(image);
        session.imageService().orElseThrow().delete(image.id());
        assertThatThrownBy(() -> session.image(image.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void blobUploadsAboveTheCapFailAndKeepThePreviousBlob() {
        BlobStore store = open("blobs", Map.of()).blobStore().orElseThrow();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        };
        assertThatThrownBy(() -> store.putBlob("bucket1", "blob1", "text/plain", Map.of(), endless, -1))
                .isInstanceOf(InvalidArgumentException.class);
        assertThat(store.blob("bucket1", "blob1").contentLength()).isEqualTo("Hello from the first blob".length());
        assertThatThrownBy(() -> store.putBlob("bucket1", "short", "text/plain", Map.of(),
                new ByteArrayInputStream(new byte[3]), 10)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> store.blob("bucket1", "short")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void exportsStoppedDisksAndImportsStreams() throws IOException {
        DriverSession session = open("disks", Map.of());
        DiskTransferService disks = session.diskTransfer().orElseThrow();
        assertThatThrownBy(() -> disks.exportDisk("inst1", "raw")).isInstanceOf(InvalidStateException.class);
        session.stop("inst1");
        assertThat(session.instance("inst1").state()).isEqualTo(InstanceState.STOPPED);
        long size;
        try (DiskExport export = disks.exportDisk("inst1", "raw")) {
            byte[] head = export.content().readNBytes(512);
            assertThat(new String(head, 0, 16, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("SKYFED-MOCK-DISK");
            assertThat(head[510]).isEqualTo((byte) 0x55);
            size = 512 + export.content().transferTo(java.io.OutputStream.nullOutputStream());
            assertThat(size).isEqualTo(export.virtualSize());
        }
        try (DiskExport again = disks.exportDisk("inst1", "raw")) {
            Image image = disks.importDisk(new DiskImportSpec("imported", "raw", size, size, "x86_64"), again.content());
            assertThat(session.image(image.id()).hardwareProfileIds()).contains("m1-large");
        }
        assertThatThrownBy(() -> disks.importDisk(new DiskImportSpec("x", "iso", 1, 1, null), InputStream.nullInputStream()))
                .isInstanceOf(InvalidArgumentException.class);
    }
}
