package io.skyfed.broker.workflow;

import io.skyfed.broker.persistence.JobEntity;
import io.skyfed.broker.persistence.JobState;
import io.skyfed.broker.persistence.JobStepEntity;
import io.skyfed.drivers.spi.DriverSession;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a running step sees: the job, its own checkpoint (saved at once), earlier steps' checkpoints, providers. */
final class StepContext {

    private static final Duration CANCEL_CHECK = Duration.ofSeconds(1);

    private final JobEntity job;
    private final JobRequest request;
    private final JobStepEntity step;
    private final List<JobStepEntity> steps;
    private final JobStore store;
    private final String owner;
    private final ProviderSessions sessions;
    private final Duration instanceTimeout;
    private final boolean compensating;
    private Instant lastCancelCheck = Instant.now();

    StepContext(JobEntity job, JobRequest request, JobStepEntity step, List<JobStepEntity> steps, JobStore store,
                String owner, ProviderSessions sessions, Duration instanceTimeout, boolean compensating) {
        this.job = job;
        this.request = request;
        this.step = step;
        this.steps = steps;
        this.store = store;
        this.owner = owner;
        this.sessions = sessions;
        this.instanceTimeout = instanceTimeout;
        this.compensating = compensating;
    }

    JobEntity job() {
        return job;
    }

    JobRequest request() {
        return request;
    }

    /** Names what this step creates on a provider; the same on every attempt, unique across jobs. */
    String idempotencyKey() {
        return step.idempotencyKey;
    }

    Optional<String> saved(String key) {
        return Optional.ofNullable(step.checkpoint.get(key)).map(String::valueOf);
    }

    /** A saved value as stored (lists and maps too). */
    Optional<Object> savedObject(String key) {
        return Optional.ofNullable(step.checkpoint.get(key));
    }

    void save(String key, Object value) {
        save(Map.of(key, value));
    }

    /** Saves several values in one write, so a crash never leaves some of them saved and the others not. */
    void save(Map<String, Object> values) {
        Map<String, Object> next = new HashMap<>(step.checkpoint);
        next.putAll(values);
        store.checkpoint(job.id, owner, step.id, next);
        step.checkpoint = next;
    }

    /** A value an earlier step of this job saved. */
    Optional<String> savedBy(String stepName, String key) {
        return steps.stream().filter(s -> s.name.equals(stepName)).findFirst()
                .map(s -> s.checkpoint.get(key)).map(String::valueOf);
    }

    /** The image the migration brought to the target: imported whole (cold) or sealed after block writes (warm). */
    Optional<String> importedImage() {
        return savedBy(TransferDisk.NAME, "imageId").or(() -> savedBy(FinalSync.NAME, "imageId"));
    }

    /** Records an engine event of this job in the audit log (warm rounds, fallbacks). */
    void audit(String action, String explanation, Map<String, Object> details) {
        store.audit(job.id, job.tenantId, action, true, explanation, details);
    }

    void progress(long done, long total) {
        store.progress(job.id, owner, step.id, done, total);
    }

    void checksums(String source, String target) {
        store.checksums(job.id, owner, step.id, source, target);
    }

    /** Fails the step with {@link JobCancelledException} when a cancel arrived; checks at most once a second. */
    void checkCancelled() {
        if (compensating || Instant.now().isBefore(lastCancelCheck.plus(CANCEL_CHECK))) {
            return;
        }
        lastCancelCheck = Instant.now();
        if (store.state(job.id) == JobState.CANCELLING) {
            throw new JobCancelledException();
        }
    }

    DriverSession source() {
        return sessions.open(request.sourceProvider());
    }

    DriverSession target() {
        return sessions.open(request.targetProvider());
    }

    /** Whether the target names instances as asked, so a re-run can find one by its idempotency key. */
    boolean targetNamesInstances() {
        return sessions.namesInstances(request.targetProvider());
    }

    Duration instanceTimeout() {
        return instanceTimeout;
    }

    void cutOver(String instanceId) {
        store.cutOver(job.id, owner, request.workloadId(), request.targetProvider(), instanceId);
    }

    void workloadState(String state) {
        store.workloadState(job.id, owner, request.workloadId(), state);
    }
}
