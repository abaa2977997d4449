package io.skyfed.broker.process;

import static org.assertj.core.api.Assertions.assertThat;
import static io.skyfed.broker.process.Rows.instant;
import static io.skyfed.broker.process.Rows.text;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.InstanceSpec;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three broker processes on one fresh database (issue 8, "replicas in practice"): every unit of work runs once
 * and only once (a migration job: each step started once, by one replica; each provider's inventory refresh and
 * the policy tick: once per interval, counted in the run log); every replica serves the same job, workloads and
 * inventory; and a replica killed with SIGKILL in the middle of a scheduled task (held there by the mock's gate)
 * loses the task to another replica once, and not before, its lease has run out.
 */
class ReplicasIT {

    private static final Duration INTERVAL = Duration.ofSeconds(3);
    /** Longer than any run, even on a loaded machine: a run that outlives its lease may overlap the next. */
    private static final Duration LEASE = Duration.ofSeconds(10);
    private static final String GATED = "inventory/gated";
    private static final List<String> TASKS = List.of("inventory/mock", GATED, "policy/tick");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @Timeout(300)
    void everyUnitOfWorkRunsOnceAndATaskKilledMidRunIsTakenOverAfterItsLease() throws Exception {
        String database = FreshDatabase.create("skyfed_replicas");
        MockCloudDir clouds = new MockCloudDir();
        MockGateDir gate = new MockGateDir();
        gate.open(MockGateDir.LIST_INSTANCES);
        DriverSession onprem = clouds.session("onprem");
        DriverSession cloud = clouds.session("cloud");
        String source = onprem.createInstance(InstanceSpec.ofImage("img1")).id();
        int cloudInstancesBefore = cloud.instances().size();
        Map<String, String> settings = new HashMap<>(clouds.brokerProperties("onprem", "cloud"));
        settings.put("skyfed.cluster.poll-interval", "500ms");
        settings.put("skyfed.cluster.lease-duration", LEASE.toSeconds() + "s");
        settings.put("skyfed.federation.refresh-interval", INTERVAL.toSeconds() + "s");
        settings.put("skyfed.policy.interval", INTERVAL.toSeconds() + "s");
        // The policy loop ticks on every replica's schedule but only records what it would do, so the one
        // migration here is the test's own.
        settings.put("skyfed.policy.dry-run", "true");
        settings.put("skyfed.providers.mock.properties.seed-instances", "50");
        settings.put("skyfed.providers.gated.driver", "mock");
        settings.put("skyfed.providers.gated.user", "mockuser");
        settings.put("skyfed.providers.gated.secret", "mockpassword");
        settings.put("skyfed.providers.gated.properties.\"gate-dir\"", gate.property());
        settings.put("skyfed.jobs.poll-interval", "200ms");
        List<BrokerProcess> brokers = BrokerProcess.startAll(database, settings, "replica-a", "replica-b",
                "replica-c");
        try (Connection db = FreshDatabase.connect(database)) {
            // A migration requested on one replica, registered on another, runs once, on one of the three.
            String workload = BrokerApi.register(brokers.get(1), "replicated", "onprem", source);
            String job = BrokerApi.migrate(brokers.get(2), workload, "cloud");
            JsonNode done = BrokerApi.awaitEnd(brokers.get(0), job, Duration.ofSeconds(90));
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
            CrashingBrokers.stepAttempts(database, job)
                    .forEach((step, attempts) -> assertThat(attempts).as(step).isEqualTo(1));
            assertThat(cloud.instances()).hasSize(cloudInstancesBefore + 1);
            String target = done.get("outcome").get("instanceId").asText();

            // Every scheduled task runs several times with all three replicas competing, once they are warm (a
            // first run on a cold JVM may read providers on demand and take longer).
            Instant warm = Instant.now();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> TASKS.stream().allMatch(task -> since(runs(db, task), warm).size() >= 3));
            for (String task : TASKS) {
                assertOncePerInterval(task, since(runs(db, task), warm));
            }
            assertSameState(brokers, job, target);

            // The next refresh of the gated provider holds inside its instance listing, on whichever replica
            // claimed it; that replica dies there with SIGKILL.
            int runsBefore = runs(db, GATED).size();
            gate.shut(MockGateDir.LIST_INSTANCES);
            BrokerProcess victim = gate.awaitHolder(MockGateDir.LIST_INSTANCES, Duration.ofSeconds(30), brokers);
            assertThat(text(db, "select lease_owner from cluster_task where name = '" + GATED + "'"))
                    .isEqualTo(victim.name());
            victim.kill();
            Instant leaseEnds = instant(db, "select lease_expires_at from cluster_task where name = '" + GATED + "'");
            gate.open(MockGateDir.LIST_INSTANCES);
            List<BrokerProcess> survivors = brokers.stream().filter(broker -> broker != victim).toList();

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> runs(db, GATED).size() > runsBefore);
            Run takeover = runs(db, GATED).get(runsBefore);
            assertThat(takeover.replica()).isIn(survivors.stream().map(BrokerProcess::name).toList());
            assertThat(takeover.started()).as("nobody runs it while the dead replica's lease holds")
                    .isAfterOrEqualTo(leaseEnds.minusMillis(200));

            // The survivors keep every task going, still once per interval, and still agree.
            Instant killedAt = Instant.now();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> TASKS.stream().allMatch(task -> runs(db, task).stream()
                            .filter(run -> run.started().isAfter(killedAt)).count() >= 2));
            for (String task : TASKS) {
                List<Run> after = since(runs(db, task), warm);
                assertThat(since(after, takeover.started())).extracting(Run::replica).doesNotContain(victim.name());
                assertOncePerInterval(task, after);
            }
            assertSameState(survivors, job, target);
        } finally {
            for (BrokerProcess broker : brokers) {
                broker.close();
            }
        }
    }

    /** The same job, workloads and inventory on every replica, whichever ran the work. */
    private static void assertSameState(List<BrokerProcess> brokers, String job, String target) throws Exception {
        BrokerProcess first = brokers.get(0);
        // Replicas reload the inventory when a refresh changed it: wait until all have seen the migrated instance.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> brokers.stream().map(broker -> items(broker, "cloud", null)).distinct().toList(),
                        pages -> pages.size() == 1 && pages.get(0).contains("\"" + target + "\""));
        for (BrokerProcess broker : brokers) {
            assertThat(get(broker, "/v1/jobs/" + job)).as(broker.name()).isEqualTo(get(first, "/v1/jobs/" + job));
            assertThat(get(broker, "/v1/workloads")).as(broker.name()).isEqualTo(get(first, "/v1/workloads"));
            assertThat(items(broker, "mock", "bench")).as(broker.name()).contains("\"bench-")
                    .isEqualTo(items(first, "mock", "bench"));
            assertThat(get(broker, "/v1/cluster")).contains("\"replica\":\"" + broker.name() + "\"",
                    "\"inventory/mock\"", "\"policy/tick\"");
        }
    }

    private record Run(String replica, Instant started, Instant finished, String outcome, String error) {
    }

    private static List<Run> since(List<Run> runs, Instant start) {
        return runs.stream().filter(run -> !run.started().isBefore(start)).toList();
    }

    /**
     * Runs never overlap, and each starts about an interval after the one before: the claim schedules the next
     * run an interval after itself (database time), and a run records its start once the claim has returned, so
     * starts jitter by the replicas' scheduling delays; a second run in the same interval would start within a
     * poll of the first, far closer than half an interval.
     */
    private static void assertOncePerInterval(String task, List<Run> runs) {
        runs.forEach(run -> assertThat(run.outcome()).as("%s on %s at %s: %s", task, run.replica(), run.started(),
                run.error()).isEqualTo("SUCCESS"));
        for (int n = 1; n < runs.size(); n++) {
            Run previous = runs.get(n - 1);
            Run run = runs.get(n);
            assertThat(run.started()).as("%s run %d starts after run %d ended", task, n, n - 1)
                    .isAfterOrEqualTo(previous.finished());
            assertThat(Duration.between(previous.started(), run.started()))
                    .as("%s runs %d and %d are an interval apart", task, n - 1, n)
                    .isGreaterThanOrEqualTo(INTERVAL.dividedBy(2));
        }
    }

    private static List<Run> runs(Connection db, String task) {
        try (PreparedStatement query = db.prepareStatement(
                "select replica, started_at, finished_at, outcome, error from cluster_task_run where task = ?"
                        + " order by started_at")) {
            query.setString(1, task);
            List<Run> runs = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    runs.add(new Run(rows.getString(1), rows.getTimestamp(2).toInstant(),
                            rows.getTimestamp(3).toInstant(), rows.getString(4), rows.getString(5)));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A provider's instances as a replica serves them, without the per-provider status (it ages by the second). */
    private static String items(BrokerProcess broker, String provider, String query) {
        try {
            String page = get(broker, "/v1/inventory/instances?provider=" + provider + "&limit=500"
                    + (query == null ? "" : "&q=" + query));
            return page.substring(0, page.indexOf("\"providers\""));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String get(BrokerProcess broker, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(broker.uri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s", broker.name(), path).isEqualTo(200);
        return response.body();
    }
}
