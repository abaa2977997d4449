package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DiskExport;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.ProviderSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate holds a disk export half-way and an instance listing at its start, until the test opens it. */
class MockGateTest {

    private static final Credentials MOCK = new Credentials(MockDriverFactory.USER, MockDriverFactory.PASSWORD);

    @TempDir
    Path gates;

    private final ExecutorService caller = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopCaller() {
        caller.shutdownNow();
    }

    private DriverSession gated() {
        return new MockDriverFactory().connect(MOCK, new ProviderSettings("gated", null, null,
                Map.of(MockDriverFactory.GATE_DIR, gates.toString())));
    }

    @Test
    void anExportIsHeldHalfWayUntilTheGateOpensAndThenDeliversTheWholeDisk() throws Exception {
        DriverSession session = gated();
        String instance = session.createInstance(InstanceSpec.ofImage("img1")).id();
        session.stop(instance);
        DiskExport export = session.diskTransfer().orElseThrow().exportDisk(instance, "raw");
        Future<byte[]> reading = caller.submit(() -> {
            try (export) {
                return export.content().readAllBytes();
            }
        });

        Path held = awaitFile(gates.resolve("export-disk.held"));
        assertThat(Files.readString(held)).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        assertThat(reading).as("held while the gate is shut").isNotDone();
        Files.createFile(gates.resolve("export-disk.open"));

        byte[] delivered = reading.get(10, TimeUnit.SECONDS);
        try (DiskExport again = session.diskTransfer().orElseThrow().exportDisk(instance, "raw")) {
            assertThat(delivered).as("the whole disk, as an export through the open gate reads it")
                    .hasSize((int) again.contentLength()).isEqualTo(again.content().readAllBytes());
        }
    }

    @Test
    void aListingIsHeldAtItsStartAndAnOpenGateHoldsNothing() throws Exception {
        DriverSession session = gated();
        Future<List<Instance>> listing = caller.submit(session::instances);

        awaitFile(gates.resolve("list-instances.held"));
        assertThat(listing).isNotDone();
        Files.createFile(gates.resolve("list-instances.open"));
        assertThat(listing.get(10, TimeUnit.SECONDS)).isNotEmpty();
        // Open now: later callers pass without announcing themselves.
        Files.delete(gates.resolve("list-instances.held"));
        assertThat(session.instances()).isNotEmpty();
        assertThat(gates.resolve("list-instances.held")).doesNotExist();
    }

    private static Path awaitFile(Path file) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!Files.exists(file)) {
            assertThat(Instant.now()).as("%s appears", file).isBefore(deadline);
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        return file;
    }
}
