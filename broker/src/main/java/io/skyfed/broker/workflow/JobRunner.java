package io.skyfed.broker.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyfed.broker.federation.ProviderRegistry;
import io.skyfed.broker.persistence.JobEntity;
import io.skyfed.broker.persistence.JobState;
import io.skyfed.broker.persistence.JobStepEntity;
import io.skyfed.broker.persistence.StepState;
import io.skyfed.drivers.DriverRegistry;
import io.skyfed.drivers.spi.OperationNotSupportedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Runs one claimed job from where it stands: the pending steps in order, then its outcome; or, once a cancel
 * arrived or a step failed for good, the compensations of every step that did something, newest first. A step
 * that fails for a reason retrying may cure goes back to the queue with a jittered, growing delay.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    private final JobStore store;
    private final JobPlans plans;
    private final JobsConfig config;
    private final ProviderRegistry providers;
    private final DriverRegistry drivers;
    private final ObjectMapper json;

    JobRunner(JobStore store, JobPlans plans, JobsConfig config, ProviderRegistry providers, DriverRegistry drivers,
              ObjectMapper json) {
        this.store = store;
        this.plans = plans;
        this.config = config;
        this.providers = providers;
        this.drivers = drivers;
        this.json = json;
    }

    void run(JobEntity job, String owner) {
        JobRequest request = json.convertValue(job.request, JobRequest.class);
        List<JobStepEntity> steps = store.steps(job.id);
        auditTakeOver(job, steps, owner);
        try (ProviderSessions sessions = new ProviderSessions(providers, drivers)) {
            Run run = new Run(job, request, steps, owner, sessions);
            if (job.state == JobState.CANCELLING) {
                run.rollBack();
            } else {
                run.forward();
            }
        } catch (LeaseLostException e) {
            LOG.warnf("job %s: %s; another replica carries on", job.id, e.getMessage());
        }
    }

    /**
     * A step left RUNNING by another replica was interrupted there (the replica died, or lost its lease): the
     * audit log says who takes it over from whom, so operators can follow a job across replicas.
     */
    private void auditTakeOver(JobEntity job, List<JobStepEntity> steps, String owner) {
        steps.stream().filter(s -> s.state == StepState.RUNNING && s.replica != null && !s.replica.equals(owner))
                .findFirst().ifPresent(step -> store.audit(job.id, job.tenantId, "job.taken-over", true,
                        "step " + step.name + " was interrupted on replica " + step.replica + "; " + owner
                                + " resumes the job once its lease ran out",
                        Map.of("replica", owner, "from", step.replica, "step", step.name, "attempt", job.attempt)));
    }

    /** One run of one job on this replica. */
    private final class Run {

        private final JobEntity job;
        private final JobRequest request;
        private final List<JobStepEntity> steps;
        private final String owner;
        private final ProviderSessions sessions;

        Run(JobEntity job, JobRequest request, List<JobStepEntity> steps, String owner, ProviderSessions sessions) {
            this.job = job;
            this.request = request;
            this.steps = steps;
            this.owner = owner;
            this.sessions = sessions;
        }

        void forward() {
            for (JobStepEntity row : steps) {
                if (row.state == StepState.DONE || row.state == StepState.SKIPPED) {
                    continue;
                }
                boolean final_ = pastPointOfNoReturn();
                if (!final_ && store.state(job.id) == JobState.CANCELLING) {
                    rollBack();
                    return;
                }
                Step step = plans.step(row.name);
                store.stepStarted(job.id, owner, row.id);
                row.state = StepState.RUNNING;
                try {
                    step.run(context(row, false));
                } catch (LeaseLostException e) {
                    throw e;
                } catch (JobCancelledException e) {
                    rollBack();
                    return;
                } catch (Exception e) {
                    failed(row, e, final_);
                    return;
                }
                if (config.crashAfterStep().filter(row.name::equals).isPresent()) {
                    LOG.errorf("test hook skyfed.jobs.crash-after-step=%s: halting the process", row.name);
                    Runtime.getRuntime().halt(137);
                }
                store.stepEnded(job.id, owner, row.id, StepState.DONE, null);
                row.state = StepState.DONE;
            }
            Map<String, Object> outcome = outcome(false);
            store.finish(job.id, owner, JobState.SUCCEEDED, outcome, null);
            Map<String, Object> details = new LinkedHashMap<>(outcome);
            details.put("replica", owner);
            store.audit(job.id, job.tenantId, "job.succeeded", true, request.reason(), details);
        }

        private void failed(JobStepEntity row, Exception e, boolean final_) {
            String error = row.name + ": " + describe(e);
            // A driver that cannot do something will not learn it by the next attempt.
            boolean retryable = !(e instanceof PermanentFailure || e instanceof OperationNotSupportedException);
            if (retryable && (job.attempt < job.maxAttempts || final_)) {
                Duration delay = backoff(job.attempt);
                LOG.warnf("job %s step %s failed (attempt %d), retrying in %s: %s", job.id, row.name, job.attempt,
                        delay, error);
                store.retryLater(job.id, owner, row.id, error, delay);
                return;
            }
            LOG.errorf("job %s step %s failed for good: %s", job.id, row.name, error);
            store.stepEnded(job.id, owner, row.id, StepState.FAILED, error);
            row.state = StepState.FAILED;
            if (final_) {
                store.finish(job.id, owner, JobState.FAILED, outcome(false), error);
                store.audit(job.id, job.tenantId, "job.failed", false, error, Map.of("step", row.name));
                return;
            }
            store.beginRollback(job.id, owner, error);
            rollBack();
        }

        void rollBack() {
            List<JobStepEntity> reversed = new ArrayList<>(steps);
            Collections.reverse(reversed);
            for (JobStepEntity row : reversed) {
                if (row.state != StepState.DONE && row.state != StepState.RUNNING && row.state != StepState.FAILED) {
                    continue;
                }
                try {
                    plans.step(row.name).compensate(context(row, true));
                } catch (LeaseLostException e) {
                    throw e;
                } catch (Exception e) {
                    Duration delay = backoff(job.attempt);
                    LOG.warnf("job %s: rolling back %s failed, retrying in %s: %s", job.id, row.name, delay,
                            describe(e));
                    store.release(job.id, owner, null, delay);
                    return;
                }
                store.stepEnded(job.id, owner, row.id, StepState.COMPENSATED, null);
                row.state = StepState.COMPENSATED;
            }
            // beginRollback left the failure in job.error; a cancel (the API clears it) has none.
            String reason = store.job(job.id).error;
            boolean failed = reason != null;
            Map<String, Object> outcome = outcome(true);
            store.finish(job.id, owner, failed ? JobState.FAILED : JobState.CANCELLED, outcome, reason);
            store.audit(job.id, job.tenantId, failed ? "job.failed" : "job.cancelled", !failed,
                    failed ? reason : "cancelled and rolled back", outcome);
        }

        private boolean pastPointOfNoReturn() {
            return steps.stream().anyMatch(s -> s.state == StepState.DONE && plans.step(s.name).pointOfNoReturn());
        }

        private StepContext context(JobStepEntity row, boolean compensating) {
            return new StepContext(job, request, row, steps, store, owner, sessions, config.instanceTimeout(),
                    compensating);
        }

        private Map<String, Object> outcome(boolean rolledBack) {
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("rolledBack", rolledBack);
            outcome.put("mode", request.mode().name().toLowerCase());
            if (request.mode() == MigrationRequest.Mode.WARM) {
                outcome.putAll(ReplicateDisk.outcome(steps));
            }
            if (!rolledBack) {
                String copy = request.mode() == MigrationRequest.Mode.WARM ? FinalSync.NAME : TransferDisk.NAME;
                stepValue(LaunchTarget.NAME, "instanceId").ifPresent(id -> outcome.put("instanceId", id));
                stepValue(LaunchTarget.NAME, "hardwareProfile").ifPresent(p -> outcome.put("hardwareProfile", p));
                outcome.put("provider", request.targetProvider());
                stepValue(copy, "sourceSha256").ifPresent(sha -> outcome.put("sha256", sha));
                stepValue(copy, "format").ifPresent(f -> outcome.put("transferFormat", f));
                stepValue(copy, "verified").ifPresent(v -> outcome.put("verifiedBy", v));
                downtime().ifPresent(seconds -> outcome.put("downtimeSeconds", seconds));
            }
            return outcome;
        }

        /** From the moment stop-source began to the moment verify-target saw the target running, as recorded. */
        private java.util.Optional<Double> downtime() {
            List<JobStepEntity> recorded = store.steps(job.id);
            java.util.Optional<java.time.Instant> stopped = recorded.stream()
                    .filter(s -> s.name.equals(StopSource.NAME)).findFirst().map(s -> s.startedAt);
            java.util.Optional<java.time.Instant> running = recorded.stream()
                    .filter(s -> s.name.equals(VerifyTarget.NAME)).findFirst().map(s -> s.finishedAt);
            return stopped.flatMap(from -> running.map(to -> Duration.between(from, to).toMillis() / 1000.0));
        }

        private java.util.Optional<String> stepValue(String step, String key) {
            return steps.stream().filter(s -> s.name.equals(step)).findFirst()
                    .map(s -> s.checkpoint.get(key)).map(String::valueOf);
        }
    }

    /** base * 2^(attempt-1), +-50% jitter so replicas retrying together spread out, capped. */
    Duration backoff(int attempt) {
        long base = config.backoffBase().toMillis() << Math.min(20, Math.max(0, attempt - 1));
        long capped = Math.min(base, config.backoffMax().toMillis());
        return Duration.ofMillis((long) (capped * (0.5 + ThreadLocalRandom.current().nextDouble())));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
