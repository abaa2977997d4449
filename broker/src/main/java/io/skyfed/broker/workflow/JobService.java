package io.skyfed.broker.workflow;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.skyfed.broker.persistence.AuditLog;
import io.skyfed.broker.persistence.AuditOutcome;
import io.skyfed.broker.persistence.JobEntity;
import io.skyfed.broker.persistence.JobState;
import io.skyfed.broker.persistence.JobStepEntity;
import io.skyfed.broker.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Jobs as their tenant sees them, and cancel. A job of another tenant does not exist for the caller. */
@ApplicationScoped
public class JobService {

    /** A job with its steps in order. */
    public record Detail(JobEntity job, List<JobStepEntity> steps) {
    }

    private final AuditLog audit;
    private final JobWorker worker;

    JobService(AuditLog audit, JobWorker worker) {
        this.audit = audit;
        this.worker = worker;
    }

    @WithSession
    public Uni<List<JobEntity>> list(Caller caller, UUID workload) {
        boolean everyTenant = caller.crossTenant() || caller.hasRole(Caller.AUDITOR);
        return Panache.getSession().flatMap(s -> {
            var query = s.createQuery("from JobEntity where 1 = 1"
                    + (everyTenant ? "" : " and tenantId = (select t.id from TenantEntity t where t.name = :tenant)")
                    + (workload == null ? "" : " and workloadId = :workload")
                    + " order by createdAt, id", JobEntity.class);
            if (!everyTenant) {
                query.setParameter("tenant", caller.tenant());
            }
            if (workload != null) {
                query.setParameter("workload", workload);
            }
            return query.getResultList();
        });
    }

    @WithSession
    public Uni<Detail> get(Caller caller, UUID id) {
        return visible(caller, id).flatMap(job -> Panache.getSession().flatMap(s -> s.createQuery(
                        "from JobStepEntity where jobId = :job order by ordinal", JobStepEntity.class)
                .setParameter("job", id).getResultList()).map(steps -> new Detail(job, steps)));
    }

    /**
     * Asks the job to stop and roll back. Idempotent while it rolls back; refused once it finished or cut over.
     */
    @WithTransaction
    public Uni<Void> cancel(Caller caller, UUID id) {
        return visible(caller, id).flatMap(job -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "update job set state = 'CANCELLING', error = null, next_attempt_at = clock_timestamp(),"
                                + " updated_at = clock_timestamp(), version = version + 1"
                                + " where id = :id and state in ('QUEUED', 'RUNNING') and not exists (select 1 from"
                                + " job_step where job_id = :id and name = :cutOver and state = 'DONE')")
                .setParameter("id", id).setParameter("cutOver", CutOver.NAME).executeUpdate()
                .flatMap(updated -> {
                    if (updated == 0 && job.state != JobState.CANCELLING) {
                        throw WorkflowException.conflict(job.state.isFinal() ? "job " + id + " already ended "
                                + job.state : "job " + id + " has cut over to its target; it can no longer be"
                                + " cancelled");
                    }
                    return audit.record(new AuditLog.Entry(caller.subject(), job.tenantId, "job.cancel", "job",
                            id.toString(), AuditOutcome.SUCCESS, null, Map.of()));
                })))
                .invoke(() -> worker.wake()).replaceWithVoid();
    }

    private Uni<JobEntity> visible(Caller caller, UUID id) {
        return Panache.getSession().flatMap(s -> s.find(JobEntity.class, id).flatMap(job -> {
            if (job == null) {
                throw WorkflowException.notFound("job", id);
            }
            if (caller.crossTenant() || caller.hasRole(Caller.AUDITOR)) {
                return Uni.createFrom().item(job);
            }
            return s.createNativeQuery("select name from tenant where id = :id", String.class)
                    .setParameter("id", job.tenantId).getSingleResultOrNull().map(tenant -> {
                        if (tenant == null || !caller.sees(tenant)) {
                            throw WorkflowException.notFound("job", id);
                        }
                        return job;
                    });
        }));
    }
}
