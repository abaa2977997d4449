package io.skyfed.broker.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.skyfed.broker.persistence.JobEntity;
import io.skyfed.broker.persistence.JobRepository;
import io.skyfed.broker.persistence.JobState;
import io.skyfed.broker.persistence.JobStepEntity;
import io.skyfed.broker.persistence.StepState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The job engine's blocking view of the database, for its own worker threads (never an event loop). Every write
 * a runner makes is guarded by its lease: when the lease is no longer ours, the write changes nothing and
 * {@link LeaseLostException} stops the runner, so a job taken over by another replica has one writer.
 */
@ApplicationScoped
public class JobStore {

    private static final String HELD = " and exists (select 1 from job l where l.id = :job and l.lease_owner = :owner"
            + " and l.lease_expires_at > clock_timestamp())";

    private final JobRepository jobs;
    private final ObjectMapper json;

    JobStore(JobRepository jobs, ObjectMapper json) {
        this.jobs = jobs;
        this.json = json;
    }

    Optional<JobEntity> claim(String owner, Duration lease) {
        return Optional.ofNullable(transaction(() -> jobs.claimNext(owner, lease)));
    }

    boolean renew(UUID job, String owner, Duration lease) {
        return transaction(() -> jobs.renewLease(job, owner, lease));
    }

    List<JobStepEntity> steps(UUID job) {
        return transaction(() -> Panache.getSession().flatMap(s -> s.createQuery(
                        "from JobStepEntity where jobId = :job order by ordinal", JobStepEntity.class)
                .setParameter("job", job).getResultList()));
    }

    JobState state(UUID job) {
        return JobState.valueOf(transaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "select state from job where id = :job", String.class).setParameter("job", job).getSingleResult())));
    }

    JobEntity job(UUID job) {
        return transaction(() -> Panache.getSession().flatMap(s -> s.find(JobEntity.class, job)));
    }

    /** Turns a failed job into one that rolls back; {@code error} says why and makes it end FAILED. */
    void beginRollback(UUID job, String owner, String error) {
        guarded(job, owner, "update job set state = 'CANCELLING', error = :error, updated_at = clock_timestamp(),"
                + " version = version + 1 where id = :job" + HELD, Map.of("error", error));
    }

    /** Gives the job back to the queue until {@code delay} has passed, its steps as they are; null keeps the error. */
    void release(UUID job, String owner, String error, Duration delay) {
        guarded(job, owner, "update job set error = coalesce(nullif(:error, ''), error), lease_owner = null, lease_expires_at = null,"
                + " next_attempt_at = clock_timestamp() + make_interval(secs => :delay), updated_at = clock_timestamp(),"
                + " version = version + 1 where id = :job" + HELD,
                Map.of("error", error == null ? "" : error, "delay", delay.toMillis() / 1000.0));
    }

    void stepStarted(UUID job, String owner, UUID step) {
        guarded(job, owner, "update job_step set state = 'RUNNING', attempt = attempt + 1, error = null, replica = :owner,"
                + " started_at = coalesce(started_at, clock_timestamp()), version = version + 1 where id = :step" + HELD,
                Map.of("step", step));
    }

    void checkpoint(UUID job, String owner, UUID step, Map<String, Object> checkpoint) {
        guarded(job, owner, "update job_step set checkpoint = cast(cast(:cp as text) as jsonb), version = version + 1"
                + " where id = :step" + HELD, Map.of("step", step, "cp", text(checkpoint)));
    }

    void progress(UUID job, String owner, UUID step, long done, long total) {
        guarded(job, owner, "update job_step set bytes_done = :done, bytes_total = :total where id = :step" + HELD,
                Map.of("step", step, "done", done, "total", total));
        guarded(job, owner, "update job set bytes_done = :done, bytes_total = :total, updated_at = clock_timestamp()"
                + " where id = :job" + HELD, Map.of("done", done, "total", total));
    }

    void checksums(UUID job, String owner, UUID step, String source, String target) {
        guarded(job, owner, "update job_step set source_checksum = :source, target_checksum = :target"
                + " where id = :step" + HELD, Map.of("step", step, "source", source, "target", target));
    }

    void stepEnded(UUID job, String owner, UUID step, StepState state, String error) {
        guarded(job, owner, "update job_step set state = :state, error = nullif(:error, ''),"
                + " finished_at = clock_timestamp(), version = version + 1 where id = :step" + HELD,
                Map.of("step", step, "state", state.name(), "error", error == null ? "" : error));
    }

    /** Gives the job back to the queue until {@code delay} has passed; the step runs again then. */
    void retryLater(UUID job, String owner, UUID step, String error, Duration delay) {
        guarded(job, owner, "update job_step set state = 'PENDING', error = :error, version = version + 1"
                + " where id = :step" + HELD, Map.of("step", step, "error", error));
        release(job, owner, error, delay);
    }

    void finish(UUID job, String owner, JobState state, Map<String, Object> outcome, String error) {
        guarded(job, owner, "update job set state = :state, outcome = cast(cast(:outcome as text) as jsonb), error = nullif(:error, ''),"
                + " finished_at = clock_timestamp(), updated_at = clock_timestamp(), lease_owner = null,"
                + " lease_expires_at = null, version = version + 1 where id = :job" + HELD,
                Map.of("state", state.name(), "outcome", text(outcome), "error", error == null ? "" : error));
    }

    /** Points the workload at its new instance: the moment a migration becomes final. */
    /**
     * Points the workload at its new instance and hands that instance to the workload's tenant (resource_owner,
     * docs/security.md), so the tenant sees and manages it through both APIs like an instance it launched itself.
     * One transaction, so the workload never runs on an instance its tenant cannot see; idempotent on a re-run.
     */
    void cutOver(UUID job, String owner, UUID workload, String provider, String instanceId) {
        int updated = transaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("update workload"
                        + " set provider_id = (select id from provider where name = :provider),"
                        + " provider_instance_ids = cast(cast(:ids as text) as jsonb), state = 'RUNNING',"
                        + " updated_at = clock_timestamp(), version = version + 1 where id = :workload" + HELD)
                .setParameter("job", job).setParameter("owner", owner).setParameter("provider", provider)
                .setParameter("ids", text(List.of(instanceId))).setParameter("workload", workload)
                .executeUpdate()
                .flatMap(moved -> moved == 0 ? Uni.createFrom().item(0) : s.createNativeQuery("insert into"
                                + " resource_owner (provider, kind, resource_id, tenant)"
                                + " select :provider, 'instances', :instance, t.name"
                                + " from workload w join tenant t on t.id = w.tenant_id where w.id = :workload"
                                + " on conflict (provider, kind, resource_id) do update set tenant = excluded.tenant")
                        .setParameter("provider", provider).setParameter("instance", instanceId)
                        .setParameter("workload", workload).executeUpdate().replaceWith(moved))));
        if (updated == 0) {
            throw new LeaseLostException(job);
        }
    }

    void workloadState(UUID job, String owner, UUID workload, String state) {
        guarded(job, owner, "update workload set state = :state, updated_at = clock_timestamp(),"
                + " version = version + 1 where id = :workload" + HELD,
                Map.of("state", state, "workload", workload));
    }

    /** Records an engine event in the audit log, in its own transaction. */
    void audit(UUID job, UUID tenant, String action, boolean success, String explanation, Map<String, Object> details) {
        transaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("insert into audit_event"
                        + " (actor, tenant_id, action, target_type, target_id, outcome, explanation, details)"
                        + " values ('skyfed-jobs', :tenant, :action, 'job', :job, :outcome, :explanation,"
                        + " cast(cast(:details as text) as jsonb))")
                .setParameter("tenant", tenant).setParameter("action", action).setParameter("job", job.toString())
                .setParameter("outcome", success ? "SUCCESS" : "FAILURE").setParameter("explanation", explanation)
                .setParameter("details", text(details)).executeUpdate()));
    }

    private void guarded(UUID job, String owner, String sql, Map<String, Object> parameters) {
        int updated = transaction(() -> Panache.getSession().flatMap(s -> {
            var query = s.createNativeQuery(sql).setParameter("job", job).setParameter("owner", owner);
            parameters.forEach(query::setParameter);
            return query.executeUpdate();
        }));
        if (updated == 0) {
            throw new LeaseLostException(job);
        }
    }

    String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON: " + e.getMessage(), e);
        }
    }

    private static <T> T transaction(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
