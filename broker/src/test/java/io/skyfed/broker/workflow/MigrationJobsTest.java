package io.skyfed.broker.workflow;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static io.skyfed.broker.workflow.JobsApi.assertChecksumMismatchAt;
import static io.skyfed.broker.workflow.JobsApi.awaitEnd;
import static io.skyfed.broker.workflow.JobsApi.diskSha;
import static io.skyfed.broker.workflow.JobsApi.job;
import static io.skyfed.broker.workflow.JobsApi.migrate;
import static io.skyfed.broker.workflow.JobsApi.register;
import static io.skyfed.broker.workflow.JobsApi.running;
import static io.skyfed.broker.workflow.JobsApi.suffix;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.skyfed.broker.security.Caller;
import io.skyfed.broker.testing.Db;
import io.skyfed.drivers.DriverRegistry;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.ProviderSettings;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Migrations between mock providers through the API, run by the job engine of this process. */
@QuarkusTest
@TestProfile(JobEngineProfile.class)
@Timeout(300)
class MigrationJobsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @Inject
    DriverRegistry drivers;

    @Inject
    WorkloadService workloads;

    @Inject
    JobService jobs;

    @Inject
    Migrations migrations;

    @Test
    void coldMigrationConvertsOnTheWayAndLandsIdenticalContent() throws Exception {
        DriverSession siteA = session("site-a");
        String source = running(siteA);
        String sourceSha = diskSha(siteA, source);
        siteA.start(source);
        String workload = register("cold", "site-a", source);

        String job = migrate(workload, "site-b", "cold");
        JsonPath done = awaitEnd(job);

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
        assertThat(done.getList("steps.state")).containsOnly("DONE");
        assertThat(done.getString("outcome.transferFormat")).isEqualTo("vmdk");
        assertThat(done.getString("outcome.verifiedBy")).isEqualTo("target digest");
        assertThat(done.getString("outcome.sha256")).isEqualTo(sourceSha);
        assertThat(done.getDouble("progress.percent")).isEqualTo(100.0);
        String target = done.getString("outcome.instanceId");

        DriverSession siteB = session("site-b");
        assertThat(siteB.instance(target).state()).isEqualTo(InstanceState.RUNNING);
        assertThat(diskSha(siteB, target)).as("the guest sees the same disk").isEqualTo(sourceSha);
        assertThat(siteA.instances()).extracting(Instance::id).doesNotContain(source);
        assertThat(siteB.images(ImageFilter.ALL)).extracting(i -> i.name()).noneMatch(n -> n.contains(job));
        given().get("/v1/workloads/" + workload).then().statusCode(200)
                .body("provider", equalTo("site-b")).body("instanceIds[0]", equalTo(target))
                .body("state", equalTo("RUNNING"));
        assertThat(Db.scalar("select count(*) from audit_event where target_id = '" + job + "'", Long.class))
                .isGreaterThanOrEqualTo(2);
        assertThat(Db.scalar("select tenant from resource_owner where provider = 'site-b' and kind = 'instances'"
                + " and resource_id = '" + target + "'", String.class))
                .as("the new instance belongs to the workload's tenant").isEqualTo(Caller.DEFAULT_TENANT);
    }

    @Test
    void checksumMismatchFailsLoudlyRollsBackAndRestartsTheSource() {
        DriverSession siteA = session("site-a");
        String source = running(siteA);
        String workload = register("corrupted", "site-a", source);

        String job = migrate(workload, "site-bad", "cold");
        JsonPath done = awaitEnd(job);

        assertChecksumMismatchAt(done, "transfer-disk");
        assertThat(done.getBoolean("outcome.rolledBack")).isTrue();
        assertThat(siteA.instance(source).state()).as("the source runs again").isEqualTo(InstanceState.RUNNING);
        assertNothingLeftOn("site-bad", job);
        given().get("/v1/workloads/" + workload).then().body("provider", equalTo("site-a"))
                .body("state", equalTo("RUNNING"));
    }

    @Test
    void aTargetThatKeepsFailingAfterTheStopEndsWithTheSourceRunning() {
        DriverSession siteA = session("site-a");
        String source = running(siteA);
        String workload = register("locked-out", "site-a", source);

        JsonPath done = awaitEnd(migrate(workload, "site-locked", "cold"));

        assertThat(done.getString("state")).isEqualTo("FAILED");
        assertThat(done.getInt("attempt")).as("retried before giving up").isGreaterThan(1);
        assertThat(done.getString("steps.find { it.name == 'stop-source' }.state")).isEqualTo("COMPENSATED");
        assertThat(siteA.instance(source).state()).isEqualTo(InstanceState.RUNNING);
    }

    @Test
    void cancelRollsBackAndLeavesNothingBehind() {
        DriverSession siteA = session("site-a");
        String source = running(siteA);
        String workload = register("cancelled", "site-a", source);
        String job = migrate(workload, "site-slow", "cold");

        // site-slow takes 2 s to bring the new instance up: cancel while the job waits for it.
        await().atMost(DEADLINE).until(() -> job(job).getString("steps.find { it.name == 'launch-target' }.state")
                .equals("DONE"));
        given().post("/v1/jobs/" + job + "/cancel").then().statusCode(202);
        JsonPath done = awaitEnd(job);

        assertThat(done.getString("state")).isEqualTo("CANCELLED");
        assertThat(done.getString("error")).isNull();
        assertThat(siteA.instance(source).state()).isEqualTo(InstanceState.RUNNING);
        assertNothingLeftOn("site-slow", job);
        given().post("/v1/jobs/" + job + "/cancel").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("already ended"));
    }

    @Test
    void eventsStreamTheJobUntilItsTerminalState() {
        String workload = register("watched", "site-a", running(session("site-a")));
        String job = migrate(workload, "site-b", "cold");

        String stream = given().accept("text/event-stream").get("/v1/jobs/" + job + "/events").then()
                .statusCode(200).extract().asString();

        assertThat(stream).contains("data:").contains(job);
        assertThat(stream.strip()).endsWith("}").contains("\"state\":\"SUCCEEDED\"");
        given().accept("text/event-stream").get("/v1/jobs/" + UUID.randomUUID() + "/events").then().statusCode(404);
    }

    @Test
    void anotherTenantSeesNeitherTheWorkloadNorItsJobs() {
        String workload = register("private", "site-a", running(session("site-a")));
        String job = JsonPath.from(given().contentType(ContentType.JSON)
                .body(Map.of("workload", workload, "target", "site-b", "dryRun", true))
                .post("/v1/migrations").then().statusCode(202).extract().asString()).getString("id");
        Caller stranger = new Caller("eve", "other-tenant", Set.of(Caller.TENANT));

        assertThatThrownBy(() -> Db.await(() -> workloads.visible(stranger, UUID.fromString(workload))))
                .isInstanceOf(WorkflowException.class).hasMessageContaining("no workload");
        assertThatThrownBy(() -> Db.await(() -> jobs.get(stranger, UUID.fromString(job))))
                .isInstanceOf(WorkflowException.class).hasMessageContaining("no job");
        assertThatThrownBy(() -> Db.await(() -> migrations.submit(stranger, new MigrationRequest(
                UUID.fromString(workload), "site-b", MigrationRequest.Mode.COLD, false, null))))
                .isInstanceOf(WorkflowException.class).hasMessageContaining("no workload");
        assertThat(Db.await(() -> jobs.list(stranger, null))).isEmpty();
        assertThat(Db.await(() -> workloads.list(stranger))).isEmpty();
    }

    @Test
    void burstLaunchesTheWorkloadsImageAtThePublicSite() {
        String workload = given().contentType(ContentType.JSON)
                .body(Map.of("name", "burst-" + suffix(), "spec", Map.of("image", "img1", "cpus", 1, "memoryMb", 512,
                        "diskGb", 8, "gpus", 0, "priority", 1)))
                .post("/v1/workloads").then().statusCode(201).body("state", equalTo("DEFINED"))
                .extract().path("id");

        JsonPath done = awaitEnd(migrate(workload, "site-b", "burst"));

        assertThat(done.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(done.getList("steps.name")).containsExactly("launch-target", "verify-target", "cut-over");
        assertThat(session("site-b").instance(done.getString("outcome.instanceId")).state())
                .isEqualTo(InstanceState.RUNNING);
    }

    @Test
    void dryRunRecordsThePlanAndTouchesNothing() {
        DriverSession siteA = session("site-a");
        String source = running(siteA);
        String workload = register("dry", "site-a", source);

        JsonPath job = JsonPath.from(given().contentType(ContentType.JSON)
                .body(Map.of("workload", workload, "target", "site-b", "dryRun", true))
                .post("/v1/migrations").then().statusCode(202).extract().asString());

        assertThat(job.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(job.getList("outcome.plan")).containsExactly("stop-source", "transfer-disk", "launch-target",
                "verify-target", "cut-over", "clean-up");
        assertThat(job.getList("steps.state")).containsOnly("SKIPPED");
        assertThat(siteA.instance(source).state()).isEqualTo(InstanceState.RUNNING);

        // Dry runs do not count as unfinished jobs: a second plan is accepted, and the listing pages through both.
        String second = given().contentType(ContentType.JSON)
                .body(Map.of("workload", workload, "target", "site-b", "dryRun", true))
                .post("/v1/migrations").then().statusCode(202).extract().path("id");
        JsonPath page = JsonPath.from(given().get("/v1/jobs?limit=1&workload=" + workload).then().statusCode(200)
                .extract().asString());
        assertThat(page.getList("items.id")).containsExactly(job.getString("id"));
        given().get("/v1/jobs?limit=1&workload=" + workload + "&cursor=" + page.getString("nextCursor")).then()
                .statusCode(200).body("items.id", org.hamcrest.Matchers.contains(second))
                .body("nextCursor", org.hamcrest.Matchers.nullValue());
        given().get("/v1/workloads?limit=500").then().statusCode(200).body("items.id", org.hamcrest.Matchers.hasItem(workload));
        given().delete("/v1/workloads/" + workload).then().statusCode(204);
        given().get("/v1/workloads/" + workload).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void badRequestsAreProblems() {
        String workload = register("refusals", "site-a", running(session("site-a")));
        given().contentType(ContentType.JSON).body(Map.of("workload", workload, "target", "site-b", "mode", "hot"))
                .post("/v1/migrations").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("mode"));
        given().contentType(ContentType.JSON).body(Map.of("workload", workload, "target", "site-b", "extra", 1))
                .post("/v1/migrations").then().statusCode(400).body("errors[0].field", equalTo("extra"));
        given().contentType(ContentType.JSON).body(Map.of("workload", UUID.randomUUID().toString(), "target", "site-b"))
                .post("/v1/migrations").then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("workload", workload, "target", "nowhere"))
                .post("/v1/migrations").then().statusCode(400).body("errors[0].field", equalTo("target"));
        given().contentType(ContentType.JSON).body(Map.of("workload", workload, "target", "site-a"))
                .post("/v1/migrations").then().statusCode(409);
        given().get("/v1/jobs/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
        given().get("/v1/jobs/" + UUID.randomUUID()).then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("name", "Bad Name")).post("/v1/workloads").then()
                .statusCode(400).body("errors[0].field", equalTo("name"));
        given().contentType(ContentType.JSON).body(Map.of("name", "ghost-" + suffix(), "provider", "site-a",
                "instanceId", "no-such")).post("/v1/workloads").then().statusCode(400)
                .body("errors[0].field", equalTo("instanceId"));
    }

    private void assertNothingLeftOn(String site, String job) {
        DriverSession target = session(site);
        assertThat(target.instances()).extracting(Instance::name).noneMatch(n -> n.contains(job));
        assertThat(target.images(ImageFilter.ALL)).extracting(i -> i.name()).noneMatch(n -> n.contains(job));
    }

    private DriverSession session(String site) {
        return drivers.find("mock").orElseThrow().connect(new Credentials("mockuser", "mockpassword"),
                new ProviderSettings(site, null, null, JobEngineProfile.SITES.get(site)));
    }
}
