package io.skyfed.broker.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyfed.drivers.mock.MockDriverFactory;
import io.skyfed.drivers.mock.MockGuest;
import io.skyfed.drivers.spi.ChangedBlockService;
import io.skyfed.drivers.spi.DiskCheckpoint;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InvalidStateException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A warm migration, and a broker process halted right after one of its steps (the
 * {@code skyfed.jobs.crash-after-step} hook: Runtime.halt, as kill -9, the step's work done but not recorded), once
 * per step. The source's guest keeps writing while the rounds copy (and, when the broker died after the copy,
 * while no broker runs at all); the mock keeps checkpoints, their write log and the half-written staged disk in its
 * state directory, as a real cloud would keep them. The next broker on the same database and clouds takes the job
 * over: it must finish exactly once, with exactly one instance at the target holding every byte the guest wrote,
 * no staged disk or image left behind on either side, and the source gone (its checkpoints with it, as on a real
 * cloud).
 */
class WarmCrashResumeIT {

    private static final int BLOCK = 64 * 1024;
    private static final String ENDED = "ended";

    @ParameterizedTest(name = "halted after {0}")
    @ValueSource(strings = {"replicate-disk", "stop-source", "final-sync", "launch-target", "verify-target", "cut-over",
        "clean-up"})
    @Timeout(300)
    void aBrokerHaltedAfterAWarmStepLeavesTheNextOneToFinishTheMigrationExactlyOnce(String step) throws Exception {
        Clouds clouds = new Clouds();
        String job;
        JsonNode done;
        boolean writeWhileNoBrokerRuns = step.equals("replicate-disk");
        CompletableFuture<BrokerProcess> next = null;
        try {
            try (BrokerProcess first = CrashingBrokers.start("warmcrash-" + step, clouds.database, clouds.properties,
                    step)) {
                job = clouds.migrate(first, step);
                if (!writeWhileNoBrokerRuns) {
                    // Start-up dominates this test: the next broker starts meanwhile, and cannot claim the job
                    // before the first one's lease ran out.
                    next = startSurvivor(step, clouds);
                }
                assertThat(writeWhileReplicating(first, job, clouds.guest)).as("the guest wrote while rounds copied")
                        .isPositive();
                CrashingBrokers.assertHalted(first, step);
            }
            if (writeWhileNoBrokerRuns) {
                // No broker runs, the source does: only the final sync can carry this write over.
                assertThat(clouds.guest.write()).as("the source still runs after its broker died").isTrue();
                next = startSurvivor(step, clouds);
            }
            done = BrokerApi.awaitEnd(next.join(), job, Duration.ofMinutes(3));
        } finally {
            if (next != null) {
                next.join().close();
            }
        }
        clouds.assertMigratedExactlyOnce(job, done, step);
    }

    @Test
    @Timeout(300)
    void aBrokerKilledHalfWayThroughTheFullCopyLeavesAHalfWrittenDiskTheNextOneCompletes() throws Exception {
        Clouds clouds = new Clouds();
        String job;
        try (BrokerProcess first = CrashingBrokers.start("warmcrash-mid-copy", clouds.database, clouds.properties,
                null)) {
            job = clouds.migrate(first, "mid-copy");
            // Pieces of round 0 have reached the staged disk, the round is not recorded yet.
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> replicateProgress(first, job), progress -> progress.matches("[1-9][0-9]*/0"));
            first.kill();
        }
        assertThat(clouds.cloud.blockImport().orElseThrow().stagedDisks()).as("the dead broker's half-written disk")
                .hasSize(1);
        assertThat(clouds.guest.write()).as("the source still runs after its broker died").isTrue();
        JsonNode done;
        try (BrokerProcess survivor = startSurvivor("mid-copy", clouds).join()) {
            done = BrokerApi.awaitEnd(survivor, job, Duration.ofMinutes(3));
        }
        clouds.assertMigratedExactlyOnce(job, done, "replicate-disk");
    }

    private static CompletableFuture<BrokerProcess> startSurvivor(String step, Clouds clouds) {
        return CompletableFuture.supplyAsync(() -> CrashingBrokers.start("warmcrash-survivor-" + step,
                clouds.database, clouds.properties, null));
    }

    /** One case's database, mock clouds with a running source, and the brokers' properties for them. */
    private static final class Clouds {

        final String database = FreshDatabase.create("skyfed_warmcrash");
        final MockCloudDir directory = new MockCloudDir();
        final DriverSession onprem = directory.session("onprem");
        final DriverSession cloud = directory.session("cloud");
        final Guest guest;
        final Map<String, String> properties;
        final int cloudInstancesBefore;
        final int cloudImagesBefore;

        Clouds() throws IOException {
            guest = new Guest(onprem, onprem.createInstance(InstanceSpec.ofImage("img1")).id());
            assertThat(guest.write()).as("the source runs").isTrue();
            cloudInstancesBefore = cloud.instances().size();
            cloudImagesBefore = cloud.images(ImageFilter.ALL).size();
            // Staged-disk writes of one block taking 100 ms each: the guest gets to write while every round copies.
            properties = new HashMap<>(directory.brokerProperties(Map.of("onprem", Map.of(),
                    "cloud", Map.of(MockDriverFactory.BLOCK_WRITE_DELAY_MS, "100"))));
            properties.put("skyfed.jobs.warm.max-rounds", "2");
            properties.put("skyfed.jobs.warm.converged-bytes", "0");
            properties.put("skyfed.jobs.warm.write-bytes", Integer.toString(BLOCK));
        }

        /** Registers the source as a workload and requests its warm migration to the cloud; returns the job. */
        String migrate(BrokerProcess broker, String name) throws Exception {
            String workload = BrokerApi.register(broker, "warmcrash-" + name, "onprem", guest.instance);
            return BrokerApi.migrate(broker, workload, "cloud", "warm");
        }

        /** The job succeeded, {@code rerun} twice and every other step once, and the clouds show it happened once. */
        void assertMigratedExactlyOnce(String job, JsonNode done, String rerun) throws Exception {
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
            Map<String, Integer> attempts = CrashingBrokers.stepAttempts(database, job);
            attempts.forEach((name, attempt) -> assertThat(attempt).as(name).isEqualTo(name.equals(rerun) ? 2 : 1));
            assertThat(done.get("outcome").get("rounds")).as("a full copy, then delta rounds").hasSizeGreaterThan(1);
            String target = done.get("outcome").get("instanceId").asText();
            assertThat(cloud.instances()).as("exactly one new instance").hasSize(cloudInstancesBefore + 1)
                    .extracting(Instance::id).contains(target);
            assertThat(sha256(content(cloud, target))).as("the target holds every byte the guest wrote")
                    .isEqualTo(sha256(guest.model)).isEqualTo(done.get("outcome").get("sha256").asText());
            assertThat(onprem.instances()).as("cut over: the source is gone").extracting(Instance::id)
                    .doesNotContain(guest.instance);
            assertThat(cloud.blockImport().orElseThrow().stagedDisks()).isEmpty();
            assertThat(onprem.blockImport().orElseThrow().stagedDisks()).isEmpty();
            assertThat(cloud.images(ImageFilter.ALL)).as("the sealed image is cleaned up").hasSize(cloudImagesBefore);
        }
    }

    /**
     * Lets the guest write each time replicate-disk moves on (a piece copied, a round done) until the step ends or
     * the broker halts; returns how many writes landed while the step ran.
     */
    private static int writeWhileReplicating(BrokerProcess broker, String job, Guest guest) {
        int writes = 0;
        String seen = "";
        while (true) {
            String last = seen;
            String now = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> replicateProgress(broker, job), progress -> !progress.equals(last));
            if (now.equals(ENDED) || !guest.write()) {
                return writes;
            }
            writes++;
            seen = now;
        }
    }

    /** Bytes copied and rounds done of the job's replicate-disk while it runs; {@link #ENDED} once it does not. */
    private static String replicateProgress(BrokerProcess broker, String job) throws Exception {
        JsonNode view;
        try {
            view = BrokerApi.get(broker, "/v1/jobs/" + job);
        } catch (IOException halted) {
            // Only a broker that halted itself may stop answering.
            CrashingBrokers.assertHalted(broker, "replicate-disk");
            return ENDED;
        }
        JsonNode step = StreamSupport.stream(view.get("steps").spliterator(), false)
                .filter(s -> s.get("name").asText().equals("replicate-disk")).findFirst().orElseThrow();
        return switch (step.get("state").asText()) {
            case "PENDING" -> "";
            case "RUNNING" -> step.get("bytesDone").asText() + "/" + step.path("detail").path("rounds").size();
            default -> ENDED;
        };
    }

    /** The source's guest, and what its disk must hold: the content at start with every write that landed. */
    private static final class Guest {

        private final DriverSession session;
        private final String instance;
        private final byte[] model;
        private int writes;

        Guest(DriverSession session, String instance) throws IOException {
            this.session = session;
            this.instance = instance;
            this.model = content(session, instance);
        }

        /** Writes a few bytes in a block of its own; false once the source no longer runs. */
        boolean write() {
            byte[] data = ("guest write " + writes).getBytes();
            long offset = (long) (writes * 37 + 5) % 120 * BLOCK + writes;
            try {
                ((MockGuest) session).writeGuestDisk(instance, offset, data);
            } catch (InvalidStateException stopped) {
                return false;
            }
            System.arraycopy(data, 0, model, (int) offset, data.length);
            writes++;
            return true;
        }
    }

    /** The instance's disk as it is now, read at a checkpoint released again. */
    private static byte[] content(DriverSession session, String instance) throws IOException {
        ChangedBlockService blocks = session.changedBlocks().orElseThrow();
        DiskCheckpoint now = blocks.createCheckpoint(instance, "warmcrash-test-" + UUID.randomUUID());
        try (InputStream in = blocks.read(now.id(), 0, now.virtualSize())) {
            return in.readAllBytes();
        } finally {
            blocks.deleteCheckpoint(now.id());
        }
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
