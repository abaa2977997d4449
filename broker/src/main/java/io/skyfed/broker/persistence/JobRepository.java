package io.skyfed.broker.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/**
 * Jobs and their leases. Lease times come from the database clock, so replicas with skewed clocks agree on
 * whose lease has run out.
 */
@ApplicationScoped
public class JobRepository implements PanacheRepositoryBase<JobEntity, UUID> {

    private static final String CLAIM = """
            update job set
                lease_owner = :owner,
                lease_expires_at = clock_timestamp() + make_interval(secs => :leaseSeconds),
                state = case when state = 'QUEUED' then 'RUNNING' else state end,
                attempt = attempt + 1,
                started_at = coalesce(started_at, clock_timestamp()),
                updated_at = clock_timestamp(),
                version = version + 1
            where id = (
                select id from job
                where state in ('QUEUED', 'RUNNING', 'CANCELLING')
                  and next_attempt_at <= clock_timestamp()
                  and (lease_expires_at is null or lease_expires_at < clock_timestamp())
                order by next_attempt_at
                for update skip locked
                limit 1)
            returning *
            """;

    private static final String RENEW = """
            update job set lease_expires_at = clock_timestamp() + make_interval(secs => :leaseSeconds),
                           updated_at = clock_timestamp(), version = version + 1
            where id = :id and lease_owner = :owner and lease_expires_at >= clock_timestamp()
            """;

    /**
     * Takes the next runnable job (queued, or unfinished with an expired lease) for {@code owner}, or emits
     * null when there is none. Concurrent callers never get the same job: rows being claimed are skipped.
     * Must run inside a transaction.
     */
    public Uni<JobEntity> claimNext(String owner, Duration lease) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(CLAIM, JobEntity.class)
                .setParameter("owner", owner)
                .setParameter("leaseSeconds", seconds(lease))
                .getSingleResultOrNull());
    }

    /** Extends the lease {@code owner} still holds; emits false when it was lost (expired or taken over). */
    public Uni<Boolean> renewLease(UUID id, String owner, Duration lease) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(RENEW)
                .setParameter("id", id)
                .setParameter("owner", owner)
                .setParameter("leaseSeconds", seconds(lease))
                .executeUpdate()
                .map(updated -> updated == 1));
    }

    private static double seconds(Duration lease) {
        return lease.toMillis() / 1000.0;
    }
}
