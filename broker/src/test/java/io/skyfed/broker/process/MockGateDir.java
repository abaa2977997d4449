package io.skyfed.broker.process;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The test's side of the mock driver's gate (provider property {@code gate-dir}): a broker that reaches a gated
 * point writes {@code <point>.held} with its process id and waits inside the call until {@code <point>.open}
 * exists. This is how the process tests kill a replica in the middle of a step or a scheduled task, at a moment
 * they chose instead of one a timer guessed.
 */
final class MockGateDir {

    static final String EXPORT_DISK = "export-disk";
    static final String LIST_INSTANCES = "list-instances";

    private final Path directory;

    MockGateDir() throws IOException {
        this.directory = Files.createTempDirectory("skyfed-mock-gate");
    }

    /** The provider property that puts a mock provider behind this gate. */
    String property() {
        return directory.toString();
    }

    void open(String point) throws IOException {
        Files.createFile(directory.resolve(point + ".open"));
    }

    /** Shuts an open gate: the next caller to reach {@code point} holds there. */
    void shut(String point) throws IOException {
        Files.deleteIfExists(directory.resolve(point + ".held"));
        Files.delete(directory.resolve(point + ".open"));
    }

    /** Waits until a broker holds at {@code point}; returns that broker among {@code brokers}. */
    BrokerProcess awaitHolder(String point, Duration timeout, List<BrokerProcess> brokers) throws IOException {
        Path held = directory.resolve(point + ".held");
        await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> Files.exists(held));
        long pid = Long.parseLong(Files.readString(held).trim());
        return brokers.stream().filter(broker -> broker.pid() == pid).findFirst()
                .orElseThrow(() -> new AssertionError("process " + pid + " holds " + point + ", none of ours"));
    }
}
