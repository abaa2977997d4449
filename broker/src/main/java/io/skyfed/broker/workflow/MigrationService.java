package io.skyfed.broker.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.skyfed.broker.persistence.AuditLog;
import io.skyfed.broker.persistence.AuditOutcome;
import io.skyfed.broker.persistence.JobEntity;
import io.skyfed.broker.persistence.JobKind;
import io.skyfed.broker.persistence.JobState;
import io.skyfed.broker.persistence.JobStepEntity;
import io.skyfed.broker.persistence.LocationKind;
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
                .flatMap(target -> Panache.withTransaction(() -> create(caller, target.request(), target.provider())))
                .onFailure(e -> String.valueOf(e.getMessage()).contains("job_one_active_per_workload")
                        || String.valueOf(e.getCause()).contains("job_one_active_per_workload"))
                .transform(e -> WorkflowException.conflict("workload " + request.workloadId()
                        + " already has an unfinished job; wait for it or cancel it"))
                .invoke(id -> worker.wake());
    }

    /** The target, and the request with the policy engine's explanation as its reason when the engine chose it. */
    private record Target(String provider, MigrationRequest request) {
    }

    private Uni<Target> target(MigrationRequest request) {
        if (request.targetProvider() != null) {
            return Uni.createFrom().item(new Target(request.targetProvider(), request));
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
            String reason = "policy decides: " + placement.explanation()
                    + (request.reason() == null ? "" : "; requested because: " + request.reason());
            return new Target(placement.provider(), new MigrationRequest(request.workloadId(), placement.provider(),
                    request.mode(), request.dryRun(), reason, request.hardwareProfile()));
        });
    }

    private Uni<UUID> create(Caller caller, MigrationRequest request, String target) {
        return workloads.visible(caller, request.workloadId())
                .flatMap(workload -> providers.findByName(target).flatMap(targetProvider -> {
                    if (targetProvider == null) {
                        throw WorkflowException.invalid("target", "no provider " + target);
                    }
                    if (request.mode() == MigrationRequest.Mode.BURST) {
                        return Uni.createFrom().item(Map.entry(JobKind.BURST, burst(workload, target, request)));
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
                                WorkloadSpec spec = spec(workload);
                                return new JobRequest(workload.id, source.name, workload.providerInstanceIds.get(0),
                                        target, request.mode(), request.reason(), null, request.hardwareProfile(),
                                        spec.cpus(), spec.memoryMb());
                            })
                            .flatMap(jobRequest -> kind(request, jobRequest, targetProvider)
                                    .map(kind -> Map.entry(kind, jobRequest)));
                }).flatMap(planned -> persist(caller, workload, request, planned.getKey(), planned.getValue())));
    }

    /** A cold move from a public site back on premise is a repatriation; every other move keeps its mode's kind. */
    private static Uni<JobKind> kind(MigrationRequest request, JobRequest jobRequest, ProviderEntity target) {
        JobKind kind = switch (request.mode()) {
            case COLD -> JobKind.MIGRATE_COLD;
            case WARM -> JobKind.MIGRATE_WARM;
            case BURST -> JobKind.BURST;
        };
        if (kind != JobKind.MIGRATE_COLD || target.location != LocationKind.ON_PREMISE) {
            return Uni.createFrom().item(kind);
        }
        return Panache.getSession()
                .flatMap(s -> s.createQuery("from ProviderEntity where name = :name", ProviderEntity.class)
                        .setParameter("name", jobRequest.sourceProvider()).getSingleResult())
                .map(source -> source.location == LocationKind.PUBLIC ? JobKind.REPATRIATE : kind);
    }

    private WorkloadSpec spec(WorkloadEntity workload) {
        return workload.spec == null ? json.convertValue(Map.of(), WorkloadSpec.class)
                : json.convertValue(workload.spec, WorkloadSpec.class);
    }

    private JobRequest burst(WorkloadEntity workload, String target, MigrationRequest request) {
        WorkloadSpec spec = spec(workload);
        if (spec.image() == null) {
            throw WorkflowException.conflict("workload " + workload.id + " names no image in its spec: a burst"
                    + " launches that image on the target");
        }
        if (workload.providerId != null && !workload.providerInstanceIds.isEmpty()) {
            throw WorkflowException.conflict("workload " + workload.id + " already runs: a burst places a workload"
                    + " that runs nowhere yet; move a running one with a cold or warm migration");
        }
        return new JobRequest(workload.id, null, null, target, MigrationRequest.Mode.BURST, null, spec.image(),
                request.hardwareProfile() != null ? request.hardwareProfile() : spec.hardwareProfile(), spec.cpus(),
                spec.memoryMb());
    }

    @SuppressWarnings("unchecked")
    private Uni<UUID> persist(Caller caller, WorkloadEntity workload, MigrationRequest request, JobKind kind,
                              JobRequest jobRequest) {
        JobRequest stored = new JobRequest(jobRequest.workloadId(), jobRequest.sourceProvider(),
                jobRequest.sourceInstanceId(), jobRequest.targetProvider(), jobRequest.mode(), request.reason(),
                jobRequest.image(), jobRequest.hardwareProfile(), jobRequest.cpus(), jobRequest.memoryMb());
        Instant now = Instant.now();
        JobEntity job = new JobEntity();
        job.id = UUID.randomUUID();
        job.tenantId = workload.tenantId;
        job.workloadId = workload.id;
        job.kind = kind;
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
                        "mode", request.mode().name(), "kind", kind.name(), "dryRun", request.dryRun()))))
                .replaceWith(job.id);
    }
}
