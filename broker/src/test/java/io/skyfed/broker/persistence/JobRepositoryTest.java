package io.skyfed.broker.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.skyfed.broker.testing.Db;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The claim protocol issue 6's durable jobs stand on: one owner per job, take-over after the lease. */
@QuarkusTest
@Timeout(120)
class JobRepositoryTest {

    @Inject
    JobRepository jobs;

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @BeforeEach
    void noOtherRunnableJobs() {
        // Claims take any runnable job: finish what earlier runs left behind in the test database.
        Db.execute("update job set state = 'CANCELLED', lease_owner = null, lease_expires_at = null, "
                + "finished_at = now() where state in ('QUEUED', 'RUNNING', 'CANCELLING')");
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void concurrentClaimsNeverShareAJob() throws Exception {
        UUID first = queue(120);
        UUID second = queue(60);
        CountDownLatch firstClaimed = new CountDownLatch(1);
        CompletableFuture<Void> releaseFirst = new CompletableFuture<>();

        // Replica A claims and keeps its transaction (and row lock) open until told to commit.
        Future<JobEntity> a = threads.submit(() -> Db.inTransaction(() -> jobs.claimNext("replica-a",
                        Duration.ofMinutes(1))
                .invoke(job -> firstClaimed.countDown())
                .call(job -> resumeOnThisContext(releaseFirst))));
        assertThat(firstClaimed.await(30, TimeUnit.SECONDS)).isTrue();

        // Replica B claims meanwhile: it must skip A's locked row, not wait for it.
        JobEntity b = threads.submit(() -> Db.inTransaction(() -> jobs.claimNext("replica-b", Duration.ofMinutes(1))))
                .get(30, TimeUnit.SECONDS);
        releaseFirst.complete(null);
        JobEntity claimedByA = a.get(30, TimeUnit.SECONDS);

        assertThat(claimedByA.id).isEqualTo(first);
        assertThat(b.id).isEqualTo(second);
        assertThat(claimedByA.leaseOwner).isEqualTo("replica-a");
        assertThat(b.leaseOwner).isEqualTo("replica-b");
        assertThat(claimedByA.state).isEqualTo(JobState.RUNNING);
        assertThat(claimedByA.attempt).isEqualTo(1);
        assertThat(Db.inTransaction(() -> jobs.claimNext("replica-c", Duration.ofMinutes(1)))).isNull();
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheOldOwnerLosesIt() {
        UUID id = queue(60);
        JobEntity claimed = Db.inTransaction(() -> jobs.claimNext("dead-replica", Duration.ofMinutes(5)));
        assertThat(claimed.id).isEqualTo(id);
        assertThat(Db.inTransaction(() -> jobs.claimNext("other", Duration.ofMinutes(1)))).isNull();

        // The dead replica's lease runs out.
        Db.execute("update job set lease_expires_at = now() - interval '1 second' where id = '" + id + "'");

        JobEntity takenOver = Db.inTransaction(() -> jobs.claimNext("survivor", Duration.ofMinutes(1)));
        assertThat(takenOver.id).isEqualTo(id);
        assertThat(takenOver.leaseOwner).isEqualTo("survivor");
        assertThat(takenOver.attempt).isEqualTo(2);
        assertThat(Db.inTransaction(() -> jobs.renewLease(id, "dead-replica", Duration.ofMinutes(1)))).isFalse();
        assertThat(Db.inTransaction(() -> jobs.renewLease(id, "survivor", Duration.ofMinutes(1)))).isTrue();
    }

    @Test
    void jobsWaitingForABackoffAreNotClaimed() {
        JobEntity job = newJob();
        job.nextAttemptAt = Instant.now().plus(Duration.ofHours(1));
        Db.inTransaction(() -> jobs.persist(job));

        assertThat(Db.inTransaction(() -> jobs.claimNext("eager", Duration.ofMinutes(1)))).isNull();
    }

    @Test
    void stepsAreStoredInOrderWithTheirCheckpoints() {
        UUID id = queue(60);
        JobStepEntity step = new JobStepEntity();
        step.id = UUID.randomUUID();
        step.jobId = id;
        step.ordinal = 0;
        step.name = "export-disk";
        step.idempotencyKey = id + "/export-disk";
        step.checkpoint = Map.of("offset", 4096);
        Db.inTransaction(() -> Panache.getSession().flatMap(session -> session.persist(step)));

        JobStepEntity read = Db.await(() -> Panache.withSession(() -> Panache.getSession()
                .flatMap(session -> session.find(JobStepEntity.class, step.id))));
        assertThat(read.checkpoint).containsEntry("offset", 4096);
        assertThat(read.state).isEqualTo(StepState.PENDING);
    }

    /** Waits for {@code signal}, then continues on the calling Vert.x context, where the session must be used. */
    private static Uni<Void> resumeOnThisContext(CompletableFuture<Void> signal) {
        Context context = Vertx.currentContext();
        return Uni.createFrom().completionStage(signal)
                .emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    /** Queues a job that became runnable {@code secondsAgo}: claims take the longest-waiting first. */
    private UUID queue(int secondsAgo) {
        JobEntity job = newJob();
        job.nextAttemptAt = Instant.now().minusSeconds(secondsAgo);
        Db.inTransaction(() -> jobs.persist(job));
        return job.id;
    }

    private static JobEntity newJob() {
        JobEntity job = new JobEntity();
        job.id = UUID.randomUUID();
        job.kind = JobKind.MIGRATE_COLD;
        job.request = Map.of("mode", "cold");
        Instant now = Instant.now();
        job.nextAttemptAt = now;
        job.createdAt = now;
        job.updatedAt = now;
        return job;
    }
}
