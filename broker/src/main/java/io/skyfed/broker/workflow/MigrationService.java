package io.skyfed.broker.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.skyfed.broker.persistence.AuditLog;
import io.skyfed.broker.persistence.AuditOutcome;
import io.skyfed.broker.persistence.JobEntity;
import io.skyfed.broker.persistence.JobKind;
import io.skyfed.broker.persistence.JobState;
import io.skyfed.broker.persistence.JobStepEntity;
import io.skyfed.broker.persistence.ProviderEntity;
import io.skyfed.broker.persistence.ProviderRepository;
import io.skyfed.broker.persistence.StepState;
import io.skyfed.broker.persistence.WorkloadEntity;
import io.skyfed.broker.persistence.WorkloadState;
import io.skyfed.broker.placement.PlacementAdvisor;
import io.skyfed.broker.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns migration and burst requests into durable jobs: checks the workload (the caller's tenant's only), resolves
 * the target (asking the placement advisor when none is given), writes the job and its planned steps in one
 * transaction with an audit entry, and wakes this replica's worker. A dry run stores the plan, all steps SKIPPED,
 * and acts on nothing.
 */
@ApplicationScoped
public class MigrationService implements Migrations {

    private final Instance<PlacementAdvisor> advisors;
    private final ProviderRepository providers;
    private final WorkloadService workloads;
    private final AuditLog audit;
    private final JobWorker worker;
    private final ObjectMapper json;

    MigrationService(Instance<PlacementAdvisor> advisors, ProviderRepository providers, WorkloadService workloads,
                     AuditLog audit, JobWorker worker, ObjectMapper json) {
        this.advisors = advisors;
        this.providers = providers;
        this.workloads = workloads;
        this.audit = audit;
        this.worker = worker;
        this.json = json;
    }

    @Override
    public Uni<UUID> submit(Caller caller, MigrationRequest request) {
        return target(request)
                .flatMap(target -> Panache.withTransaction(() -> create(caller, request, target)))
                .onFailure(e -> String.valueOf(e.getMessage()).contains("job_one_active_per_workload")
                        || String.valueOf(e.getCause()).contains("job_one_active_per_workload"))
                .transform(e -> WorkflowException.conflict("workload " + request.workloadId()
                        + " already has an unfinished job; wait for it or cancel it"))
                .invoke(id -> worker.wake());
    }

    private Uni<String> target(MigrationRequest request) {
        if (request.targetProvider() != null) {
            return Uni.createFrom().item(request.targetProvider());
        }
        if (!advisors.isResolvable()) {
            return Uni.createFrom().failure(WorkflowException.conflict(
                    "no placement advisor: this broker cannot let the policy decide; name a target provider"));
        }
        return advisors.get().advise(request.workloadId()).map(placement -> {
            if (!placement.found()) {
                throw WorkflowException.conflict("the policy engine found no site for the workload: "
                        + placement.explanation());
            }
            return placement.provider();
        });
    }

    private Uni<UUID> create(Caller caller, MigrationRequest request, String target) {
        return workloads.visible(caller, request.workloadId())
                .flatMap(workload -> providers.findByName(target).flatMap(targetProvider -> {
                    if (targetProvider == null) {
                        throw WorkflowException.invalid("target", "no provider " + target);
                    }
                    if (request.mode() == MigrationRequest.Mode.BURST) {
                        return Uni.createFrom().item(burst(workload, target));
                    }
                    if (workload.providerId == null || workload.providerInstanceIds.isEmpty()) {
                        throw WorkflowException.conflict("workload " + workload.id + " runs nowhere yet: register it"
                                + " with its provider and instance first");
                    }
                    if (workload.providerInstanceIds.size() != 1) {
                        throw WorkflowException.conflict("workload " + workload.id + " has "
                                + workload.providerInstanceIds.size() + " instances; migrations move one");
                    }
                    return Panache.getSession().flatMap(s -> s.find(ProviderEntity.class, workload.providerId))
                            .map(source -> {
                                if (source.name.equals(target)) {
                                    throw WorkflowException.conflict("workload " + workload.id + " already runs on "
                                            + target);
                                }
                                return new JobRequest(workload.id, source.name, workload.providerInstanceIds.get(0),
                                        target, request.mode(), request.reason(), null, null);
                            });
                }).flatMap(jobRequest -> persist(caller, workload, request, jobRequest)));
    }

    private JobRequest burst(WorkloadEntity workload, String target) {
        WorkloadSpec spec = json.convertValue(workload.spec, WorkloadSpec.class);
        if (spec.image() == null) {
            throw WorkflowException.conflict("workload " + workload.id + " names no image in its spec: a burst"
                    + " launches that image on the target");
        }
        return new JobRequest(workload.id, null, null, target, MigrationRequest.Mode.BURST, null, spec.image(),
                spec.hardwareProfile());
    }

    @SuppressWarnings("unchecked")
    private Uni<UUID> persist(Caller caller, WorkloadEntity workload, MigrationRequest request, JobRequest jobRequest) {
        JobRequest stored = new JobRequest(jobRequest.workloadId(), jobRequest.sourceProvider(),
                jobRequest.sourceInstanceId(), jobRequest.targetProvider(), jobRequest.mode(), request.reason(),
                jobRequest.image(), jobRequest.hardwareProfile());
        Instant now = Instant.now();
        JobEntity job = new JobEntity();
        job.id = UUID.randomUUID();
        job.tenantId = workload.tenantId;
        job.workloadId = workload.id;
        job.kind = switch (request.mode()) {
            case COLD -> JobKind.MIGRATE_COLD;
            case WARM -> JobKind.MIGRATE_WARM;
            case BURST -> JobKind.BURST;
        };
        job.dryRun = request.dryRun();
        job.request = json.convertValue(stored, Map.class);
        job.createdBy = caller.subject();
        job.createdAt = now;
        job.updatedAt = now;
        job.nextAttemptAt = now;
        List<String> plan = JobPlans.stepNames(job.kind);
        if (request.dryRun()) {
            job.state = JobState.SUCCEEDED;
            job.finishedAt = now;
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("dryRun", true);
            outcome.put("plan", plan);
            outcome.put("source", stored.sourceProvider() == null ? "" : stored.sourceProvider());
            outcome.put("target", stored.targetProvider());
            job.outcome = outcome;
        }
        return Panache.getSession().flatMap(session -> {
            Uni<Void> chain = session.persist(job);
            for (int i = 0; i < plan.size(); i++) {
                JobStepEntity step = new JobStepEntity();
                step.id = UUID.randomUUID();
                step.jobId = job.id;
                step.ordinal = i;
                step.name = plan.get(i);
                step.state = request.dryRun() ? StepState.SKIPPED : StepState.PENDING;
                step.idempotencyKey = "skyfed-" + job.id + "-" + plan.get(i);
                chain = chain.call(() -> session.persist(step));
            }
            return chain.call(session::flush);
        }).call(() -> audit.record(new AuditLog.Entry(caller.subject(), workload.tenantId,
                request.dryRun() ? "migration.plan" : request.mode() == MigrationRequest.Mode.BURST ? "burst.submit"
                        : "migration.submit", "job", job.id.toString(), AuditOutcome.SUCCESS, request.reason(),
                Map.of("workload", workload.id.toString(), "target", stored.targetProvider(),
                        "mode", request.mode().name(), "dryRun", request.dryRun()))))
                .replaceWith(job.id);
    }
}
