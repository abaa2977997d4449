package io.skyfed.broker.workflow;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static io.skyfed.broker.workflow.JobsApi.DEADLINE;
import static io.skyfed.broker.workflow.JobsApi.assertChecksumMismatchAt;
import static io.skyfed.broker.workflow.JobsApi.awaitEnd;
import static io.skyfed.broker.workflow.JobsApi.job;
import static io.skyfed.broker.workflow.JobsApi.migrate;
import static io.skyfed.broker.workflow.JobsApi.register;
import static io.skyfed.broker.workflow.JobsApi.running;
import static io.skyfed.broker.workflow.JobsApi.sha256;
import static io.skyfed.broker.workflow.JobsApi.stoppedDisk;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.skyfed.broker.testing.Db;
import io.skyfed.drivers.DriverRegistry;
import io.skyfed.drivers.mock.MockGuest;
import io.skyfed.drivers.spi.ChangedBlockService;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DiskCheckpoint;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.ProviderSettings;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Warm migrations between mock providers, with guests writing while their disks are copied. */
@QuarkusTest
@TestProfile(WarmMigrationProfile.class)
@Timeout(300)
class WarmMigrationTest {

    private static final int BLOCK = 64 * 1024;

    @Inject
    DriverRegistry drivers;

    @Test
    void guestWritesBetweenAndDuringRoundsAllArriveAtTheTarget() throws Exception {
        DriverSession siteA = session("site-a");
        String source = running(siteA);
        MockGuest guest = (MockGuest) siteA;
        guest.writeGuestDisk(source, 3L * BLOCK + 17, "written before the migration".getBytes());
        byte[] expected = contentNow(siteA, source);
        String workload = register("warm", "site-a", source);

        // warm-slow takes 300 ms per block write, so the guest gets to write while each round copies.
        String job = migrate(workload, "warm-slow", "warm");
        CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> {
            // One write each time the copy moves on (progress or a new round), while replicate-disk runs.
            int writes = 0;
            String seen = "";
            String replicate = "steps.find { it.name == 'replicate-disk' }";
            while (writes < 12) {
                JsonPath view = job(job);
                String state = view.getString(replicate + ".state");
                if (!state.equals("PENDING") && !state.equals("RUNNING")) {
                    break;
                }
                String progress = view.getString(replicate + ".bytesDone") + "/"
                        + view.getList(replicate + ".detail.rounds");
                if (state.equals("RUNNING") && !progress.equals(seen)) {
                    seen = progress;
                    if (!write(guest, source, writes, expected)) {
                        break;
                    }
                    writes++;
                }
            }
            // And one more between the last round and the stop, when it lands in time: the final sync's work.
            write(guest, source, writes, expected);
            return writes;
        });
        JsonPath done = awaitEnd(job);
        int writesWhileReplicating = writer.join();

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
        assertThat(done.getList("steps.name")).containsExactly("replicate-disk", "stop-source", "final-sync",
                "launch-target", "verify-target", "cut-over", "clean-up");
        assertThat(writesWhileReplicating).as("the guest wrote while rounds copied").isPositive();
        List<Map<String, Object>> rounds = done.getList("outcome.rounds");
        assertThat(rounds).hasSizeGreaterThanOrEqualTo(2);
        assertThat(rounds.get(0)).containsEntry("kind", "full");
        assertThat(rounds.subList(1, rounds.size())).allSatisfy(r -> assertThat(r).containsEntry("kind", "delta"));
        assertThat(done.getString("outcome.fallback")).isNull();
        assertThat(done.getDouble("outcome.downtimeSeconds")).isPositive();
        assertThat(done.getString("outcome.verifiedBy")).isEqualTo("target digest");
        String finalSync = "steps.find { it.name == 'final-sync' }";
        assertThat(done.getString(finalSync + ".targetChecksum")).isEqualTo(done.getString(finalSync + ".sourceChecksum"))
                .isEqualTo(done.getString("outcome.sha256")).isEqualTo(sha256(expected));

        DriverSession target = session("warm-slow");
        String instance = done.getString("outcome.instanceId");
        assertThat(target.instance(instance).state()).isEqualTo(InstanceState.RUNNING);
        assertThat(sha256(stoppedDisk(target, instance))).as("the target holds every byte the guest wrote")
                .isEqualTo(sha256(expected));
        assertThat(siteA.instances()).extracting(Instance::id).doesNotContain(source);
        assertThat(target.images(ImageFilter.ALL)).extracting(i -> i.name()).noneMatch(n -> n.contains(job));
        assertThat(target.blockImport().orElseThrow().stagedDisks()).isEmpty();
        given().get("/v1/workloads/" + workload).then().statusCode(200).body("provider", equalTo("warm-slow"))
                .body("instanceIds[0]", equalTo(instance));
    }

    @Test
    void aBusyGuestRunsTheRoundsToTheirMaximumAndTheJobShowsThemAndTheDowntime() throws Exception {
        DriverSession busy = session("warm-busy");
        String source = running(busy);
        String workload = register("busy", "warm-busy", source);

        JsonPath done = awaitEnd(migrate(workload, "site-b", "warm"));

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
        // The guest writes two blocks before every checkpoint: no delta round converges, so there are 3 of them.
        assertThat(done.getList("outcome.rounds.kind")).containsExactly("full", "delta", "delta", "delta");
        assertThat(done.getList("outcome.rounds.bytes", Long.class).subList(1, 4))
                .containsOnly(2L * BLOCK);
        assertThat(done.getBoolean("outcome.converged")).isFalse();
        assertThat(done.getList("steps.find { it.name == 'replicate-disk' }.detail.rounds")).hasSize(4);
        assertThat(done.getString("steps.find { it.name == 'final-sync' }.detail.round.kind")).isEqualTo("final");
        assertThat(done.getDouble("outcome.downtimeSeconds")).isPositive();
        assertThat(Db.scalar("select count(*) from audit_event where target_id = '" + done.getString("id")
                + "' and action = 'job.warm-round'", Long.class)).isEqualTo(5L);
        DriverSession target = session("site-b");
        assertThat(sha256(stoppedDisk(target, done.getString("outcome.instanceId"))))
                .isEqualTo(done.getString("outcome.sha256"));
    }

    @Test
    void aRoundInterruptedByAFailedWriteResumesWhereItStoodAndLandsTheSameContent() throws Exception {
        String workload = register("interrupted", "warm-busy", running(session("warm-busy")));

        JsonPath done = awaitEnd(migrate(workload, "warm-flaky", "warm"));

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
        assertThat(done.getInt("steps.find { it.name == 'replicate-disk' }.attempt")).as("run again").isEqualTo(2);
        assertThat(done.getList("outcome.rounds.round", Integer.class)).as("no round twice").containsExactly(0, 1, 2, 3);
        assertThat(done.getList("outcome.rounds.bytes", Long.class).subList(1, 4)).containsOnly(2L * BLOCK);
        assertThat(sha256(stoppedDisk(session("warm-flaky"), done.getString("outcome.instanceId"))))
                .isEqualTo(done.getString("outcome.sha256"));
    }

    @Test
    void aSourceWithoutChangedBlockTrackingFallsBackToColdAndSaysWhy() throws Exception {
        DriverSession plain = session("warm-nocbt");
        String source = running(plain);
        String sourceSha = sha256(stoppedDisk(plain, source));
        plain.start(source);
        String workload = register("nocbt", "warm-nocbt", source);

        JsonPath done = awaitEnd(migrate(workload, "site-b", "warm"));

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
        assertThat(done.getString("kind")).isEqualTo("MIGRATE_WARM");
        assertThat(done.getString("outcome.fallback")).contains("changed-block tracking at the source")
                .contains("warm-nocbt offers no ChangedBlockService").contains("migrated cold")
                .doesNotContain("at the target");
        assertThat(done.getString("steps.find { it.name == 'replicate-disk' }.detail.fallback"))
                .isEqualTo(done.getString("outcome.fallback"));
        assertThat(done.getString("outcome.rounds")).isNull();
        assertThat(done.getString("outcome.transferFormat")).as("the cold transfer converted").isEqualTo("vmdk");
        assertThat(done.getString("outcome.sha256")).isEqualTo(sourceSha);
        assertThat(sha256(stoppedDisk(session("site-b"), done.getString("outcome.instanceId")))).isEqualTo(sourceSha);
    }

    @Test
    void aTargetWithoutBlockWritesFallsBackToColdAndSaysWhy() {
        String workload = register("noblock", "site-a", running(session("site-a")));

        JsonPath done = awaitEnd(migrate(workload, "warm-noblock", "warm"));

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
        assertThat(done.getString("outcome.fallback")).contains("disk writes at offsets at the target")
                .contains("warm-noblock offers no BlockImportService").doesNotContain("at the source");
        assertThat(Db.scalar("select count(*) from audit_event where target_id = '" + done.getString("id")
                + "' and action = 'job.warm-fallback'", Long.class)).isEqualTo(1L);
    }

    @Test
    void cancelDuringTheCopyRollsBackEverythingAndTheSourceKeepsRunning() {
        DriverSession siteA = session("site-a");
        String source = running(siteA);
        String workload = register("cancel-warm", "site-a", source);
        String job = migrate(workload, "warm-slow", "warm");

        await().atMost(DEADLINE).until(() -> job(job).getLong("steps.find { it.name == 'replicate-disk' }.bytesDone") > 0);
        given().post("/v1/jobs/" + job + "/cancel").then().statusCode(202);
        JsonPath done = awaitEnd(job);

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("CANCELLED");
        assertThat(done.getString("steps.find { it.name == 'replicate-disk' }.state")).isEqualTo("COMPENSATED");
        assertThat(done.getString("steps.find { it.name == 'stop-source' }.state")).isEqualTo("PENDING");
        assertThat(siteA.instance(source).state()).isEqualTo(InstanceState.RUNNING);
        assertThat(siteA.changedBlocks().orElseThrow().checkpoints(source)).as("checkpoints released").isEmpty();
        assertNothingLeftOn("warm-slow", job);
        given().get("/v1/workloads/" + workload).then().body("provider", equalTo("site-a"))
                .body("state", equalTo("RUNNING"));
    }

    @Test
    void aTargetThatCorruptsWritesFailsTheFinalSyncLoudlyAndTheSourceRunsAgain() {
        DriverSession siteA = session("site-a");
        String source = running(siteA);
        String workload = register("corrupt-warm", "site-a", source);

        String job = migrate(workload, "site-bad", "warm");
        JsonPath done = awaitEnd(job);

        assertChecksumMismatchAt(done, "final-sync");
        assertThat(siteA.instance(source).state()).isEqualTo(InstanceState.RUNNING);
        assertThat(siteA.changedBlocks().orElseThrow().checkpoints(source)).isEmpty();
        assertNothingLeftOn("site-bad", job);
    }

    /** The guest writes a few bytes in block {@code i * 37 + 5}; the model follows when the write was taken. */
    private static boolean write(MockGuest guest, String instance, int i, byte[] model) {
        byte[] data = ("guest write " + i).getBytes();
        long offset = (long) (i * 37 + 5) % 120 * BLOCK + i;
        try {
            guest.writeGuestDisk(instance, offset, data);
        } catch (InvalidStateException stopped) {
            return false;
        }
        System.arraycopy(data, 0, model, (int) offset, data.length);
        return true;
    }

    private void assertNothingLeftOn(String site, String job) {
        DriverSession target = session(site);
        assertThat(target.instances()).extracting(Instance::name).noneMatch(n -> n.contains(job));
        assertThat(target.images(ImageFilter.ALL)).extracting(i -> i.name()).noneMatch(n -> n.contains(job));
        assertThat(target.blockImport().orElseThrow().stagedDisks()).extracting(d -> d.name())
                .noneMatch(n -> n.contains(job));
    }

    private DriverSession session(String site) {
        return drivers.find("mock").orElseThrow().connect(new Credentials("mockuser", "mockpassword"),
                new ProviderSettings(site, null, null, WarmMigrationProfile.site(site)));
    }

    /** The running instance's disk as it is now, read at a checkpoint the test releases again. */
    private static byte[] contentNow(DriverSession session, String instance) throws Exception {
        ChangedBlockService blocks = session.changedBlocks().orElseThrow();
        DiskCheckpoint now = blocks.createCheckpoint(instance, "test-" + UUID.randomUUID());
        try (InputStream in = blocks.read(now.id(), 0, now.virtualSize())) {
            return in.readAllBytes();
        } finally {
            blocks.deleteCheckpoint(now.id());
        }
    }
}
