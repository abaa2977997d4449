package io.skyfed.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.skyfed.broker.testing.Db;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The lease on a cluster task, on the real table: one claimant per interval, takeover after a dead lease. */
@QuarkusTest
class ClusterTaskStoreTest {

    @Inject
    ClusterTaskStore store;

    @Test
    void exactlyOneOfManyConcurrentClaimsWins() throws Exception {
        String task = "test/" + UUID.randomUUID();
        Db.await(() -> store.register(List.of(task)));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> claims = new java.util.ArrayList<>();
            for (int n = 0; n < 8; n++) {
                String replica = "replica-" + n;
                Callable<Boolean> claim = () -> Db.await(() -> store.claim(task, replica, Duration.ofMinutes(1),
                        Duration.ofMinutes(1))).isPresent();
                claims.add(threads.submit(claim));
            }
            long winners = 0;
            for (Future<Boolean> claim : claims) {
                winners += claim.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aCompletedTaskWaitsForItsIntervalAndKeepsItsState() {
        String task = "test/" + UUID.randomUUID();
        Db.await(() -> store.register(List.of(task)));
        assertThat(Db.await(() -> store.claim(task, "a", Duration.ofHours(1), Duration.ofMinutes(1)))).contains(Map.of());
        Db.await(() -> store.complete(task, "a", Instant.now(), null, Map.of("memory", Map.of("k", "v"))));

        assertThat(Db.await(() -> store.claim(task, "b", Duration.ofHours(1), Duration.ofMinutes(1)))).isEmpty();
        ClusterTask done = Db.await(() -> store.list()).stream().filter(t -> t.name().equals(task)).findFirst().orElseThrow();
        assertThat(done.lastRunBy()).isEqualTo("a");
        assertThat(done.lastOutcome()).isEqualTo("SUCCESS");
        assertThat(done.runs()).isEqualTo(1);
        assertThat(done.leaseOwner()).isNull();
        assertThat(Db.await(() -> store.state(task))).isEqualTo(Map.of("memory", Map.of("k", "v")));
        assertThat(Db.scalar("select count(*) from cluster_task_run where task = '" + task + "' and replica = 'a'",
                Long.class)).isEqualTo(1L);
    }

    @Test
    void runSoonMakesAWaitingTaskDueAtOnce() {
        String task = "test/" + UUID.randomUUID();
        Db.await(() -> store.register(List.of(task)));
        assertThat(Db.await(() -> store.claim(task, "a", Duration.ofHours(1), Duration.ofMinutes(1)))).isPresent();
        Db.await(() -> store.complete(task, "a", Instant.now(), null, null));
        assertThat(Db.await(() -> store.due())).doesNotContain(task);

        Db.await(() -> store.runSoon(task));

        assertThat(Db.await(() -> store.due())).contains(task);
        assertThat(Db.await(() -> store.claim(task, "b", Duration.ofHours(1), Duration.ofMinutes(1)))).isPresent();
    }

    @Test
    void aDeadReplicasLeaseRunsOutAndAnotherTakesOver() {
        String task = "test/" + UUID.randomUUID();
        Db.await(() -> store.register(List.of(task)));
        assertThat(Db.await(() -> store.claim(task, "dead", Duration.ZERO, Duration.ofMinutes(5)))).isPresent();
        // Due again, but the lease still holds: nobody else may run it.
        assertThat(Db.await(() -> store.claim(task, "alive", Duration.ZERO, Duration.ofMinutes(5)))).isEmpty();

        // The dead replica never renews; its lease runs out.
        Db.execute("update cluster_task set lease_expires_at = now() - interval '1 second' where name = '" + task + "'");
        Optional<Map<String, Object>> taken = Db.await(() -> store.claim(task, "alive", Duration.ZERO,
                Duration.ofMinutes(5)));
        assertThat(taken).isPresent();

        // The dead replica's late completion changes nothing on the task.
        Db.await(() -> store.complete(task, "dead", Instant.now(), null, Map.of("stale", true)));
        ClusterTask now = Db.await(() -> store.list()).stream().filter(t -> t.name().equals(task)).findFirst().orElseThrow();
        assertThat(now.leaseOwner()).isEqualTo("alive");
        assertThat(now.runs()).isZero();
        assertThat(Db.await(() -> store.state(task))).isEmpty();
    }
}
