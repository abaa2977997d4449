package io.skyfed.broker.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Three broker processes on one fresh database (issue 8, "replicas in practice"): every scheduled unit (each
 * provider's inventory refresh, the policy tick) runs once and only once per interval, counted in the run log;
 * a replica killed with SIGKILL while holding a lease loses it, and another replica takes the work over once the
 * lease has run out; every replica serves the same state.
 */
class ReplicasIT {

    private static final Duration INTERVAL = Duration.ofSeconds(3);
    private static final Duration LEASE = Duration.ofSeconds(6);
    private static final List<String> TASKS = List.of("inventory/mock", "policy/tick");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void scheduledWorkRunsOncePerIntervalAndSurvivesAKilledReplica() throws Exception {
        String database = FreshDatabase.create("skyfed_replicas");
        Map<String, String> settings = Map.of(
                "skyfed.cluster.poll-interval", "500ms",
                "skyfed.cluster.lease-duration", LEASE.toSeconds() + "s",
                "skyfed.federation.refresh-interval", INTERVAL.toSeconds() + "s",
                "skyfed.policy.interval", INTERVAL.toSeconds() + "s",
                "skyfed.providers.mock.properties.seed-instances", "200");
        List<BrokerProcess> brokers = startAll(database, settings, "replica-a", "replica-b", "replica-c");
        try (Connection db = FreshDatabase.connect(database)) {
            // Let every task run several times with all three replicas competing.
            await(Duration.ofMinutes(2), () -> TASKS.stream().allMatch(task -> runs(db, task).size() >= 5));
            for (String task : TASKS) {
                assertOncePerInterval(task, runs(db, task));
            }

            // Every replica serves the same state: the inventory one replica read, the same cluster view.
            String inventory = items(brokers.get(0));
            assertThat(inventory).contains("\"bench-");
            for (BrokerProcess broker : brokers) {
                assertThat(items(broker))
                        .isEqualTo(inventory);
                assertThat(get(broker, "/v1/cluster")).contains("\"replica\":\"" + broker.name() + "\"",
                        "\"inventory/mock\"", "\"policy/tick\"");
            }

            // replica-a dies with SIGKILL while it holds the policy tick's lease (written as a run it had just
            // claimed would leave it: due again, leased for LEASE from now).
            BrokerProcess victim = brokers.get(0);
            victim.kill();
            Instant leaseEnds;
            try (Statement statement = db.createStatement()) {
                statement.executeUpdate("update cluster_task set lease_owner = 'replica-a', lease_expires_at = now() + "
                        + "interval '" + LEASE.toSeconds() + " seconds', next_run_at = now() where name = 'policy/tick'");
                leaseEnds = scalarInstant(db, "select lease_expires_at from cluster_task where name = 'policy/tick'");
            }
            Instant killedAt = Instant.now();
            await(Duration.ofMinutes(1), () -> runs(db, "policy/tick").stream()
                    .anyMatch(run -> run.started().isAfter(killedAt)));
            Run takeover = runs(db, "policy/tick").stream().filter(run -> run.started().isAfter(killedAt))
                    .findFirst().orElseThrow();
            assertThat(takeover.replica()).isIn("replica-b", "replica-c");
            assertThat(takeover.started()).as("nobody runs it while the dead replica's lease holds")
                    .isAfterOrEqualTo(leaseEnds.minusMillis(200));

            // The survivors keep every task going, still once per interval, and still agree.
            await(Duration.ofMinutes(1), () -> TASKS.stream().allMatch(task -> runs(db, task).stream()
                    .filter(run -> run.started().isAfter(killedAt)).count() >= 3));
            for (String task : TASKS) {
                List<Run> after = runs(db, task).stream().filter(run -> run.started().isAfter(killedAt)).toList();
                assertThat(after).extracting(Run::replica).doesNotContain("replica-a");
                assertOncePerInterval(task, after);
            }
            assertThat(get(brokers.get(1), "/v1/inventory/providers")).contains("\"provider\":\"mock\"");
            assertThat(items(brokers.get(1))).isEqualTo(items(brokers.get(2)));
        } finally {
            for (BrokerProcess broker : brokers) {
                broker.close();
            }
        }
    }

    private record Run(String replica, Instant started, Instant finished) {
    }

    /** Runs never overlap, and each starts at least one interval after the one before (the claim's cadence). */
    private static void assertOncePerInterval(String task, List<Run> runs) {
        for (int n = 1; n < runs.size(); n++) {
            Run previous = runs.get(n - 1);
            Run run = runs.get(n);
            assertThat(run.started()).as("%s run %d starts after run %d ended", task, n, n - 1)
                    .isAfterOrEqualTo(previous.finished());
            assertThat(Duration.between(previous.started(), run.started()))
                    .as("%s runs %d and %d are an interval apart", task, n - 1, n)
                    .isGreaterThanOrEqualTo(INTERVAL.minusMillis(250));
        }
    }

    private static List<Run> runs(Connection db, String task) {
        try (PreparedStatement query = db.prepareStatement(
                "select replica, started_at, finished_at from cluster_task_run where task = ? order by started_at")) {
            query.setString(1, task);
            List<Run> runs = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    runs.add(new Run(rows.getString(1), rows.getTimestamp(2).toInstant(),
                            rows.getTimestamp(3).toInstant()));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant scalarInstant(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            Timestamp value = rows.getTimestamp(1);
            return value.toInstant();
        }
    }

    /** The mock's seeded instances as a replica serves them, without the per-provider status (it ages by the second). */
    private static String items(BrokerProcess broker) throws Exception {
        String page = get(broker, "/v1/inventory/instances?provider=mock&limit=500&q=bench");
        return page.substring(0, page.indexOf("\"providers\""));
    }

    private static String get(BrokerProcess broker, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(broker.uri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s", broker.name(), path).isEqualTo(200);
        return response.body();
    }

    private static List<BrokerProcess> startAll(String database, Map<String, String> settings, String... names)
            throws Exception {
        ExecutorService starting = Executors.newFixedThreadPool(names.length);
        try {
            List<Future<BrokerProcess>> started = new ArrayList<>();
            for (String name : names) {
                started.add(starting.submit(() -> BrokerProcess.start(name, database, new HashMap<>(settings))));
            }
            List<BrokerProcess> brokers = new ArrayList<>();
            for (Future<BrokerProcess> broker : started) {
                brokers.add(broker.get(5, TimeUnit.MINUTES));
            }
            return brokers;
        } finally {
            starting.shutdown();
        }
    }

    /** Polls a condition against its deadline; the brokers do the work, the test only watches. */
    private static void await(Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within " + timeout);
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }
}
