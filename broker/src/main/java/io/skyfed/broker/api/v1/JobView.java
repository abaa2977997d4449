package io.skyfed.broker.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.skyfed.broker.persistence.JobEntity;
import io.skyfed.broker.persistence.JobStepEntity;
import io.skyfed.broker.workflow.JobService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A durable job: its state, progress (bytes and percent of the disk transfer), an ETA while it transfers, its
 * steps with their checksums and the replica that ran each, and its outcome or error. {@code replica} is the
 * replica that claimed the unfinished job last (a dead replica's name until another takes the job over; absent
 * while queued and once finished); {@code steps} is absent in listings.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(UUID id, String kind, String state, UUID workload, boolean dryRun, Map<String, Object> request,
                      int attempt, String replica, Progress progress, Long etaSeconds, Map<String, Object> outcome, String error,
                      Instant createdAt, Instant startedAt, Instant finishedAt, List<StepView> steps) {

    /** Bytes of the disk transfer done and in all; percent is absent while the total is unknown. */
    public record Progress(long bytesDone, Long bytesTotal, Double percent) {
    }

    /**
     * {@code detail}: what a step tells of its work beyond bytes, from its checkpoint: a warm migration's rounds
     * (and the final sync's round), or why it fell back to cold; absent otherwise.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StepView(int ordinal, String name, String state, int attempt, long bytesDone, Long bytesTotal,
                           String sourceChecksum, String targetChecksum, String error, Instant startedAt,
                           Instant finishedAt, Map<String, Object> detail, String replica) {

        private static final List<String> DETAIL = List.of("rounds", "round", "converged", "fallback");

        static StepView of(JobStepEntity s) {
            Map<String, Object> detail = new java.util.LinkedHashMap<>();
            DETAIL.stream().filter(s.checkpoint::containsKey).forEach(key -> detail.put(key, s.checkpoint.get(key)));
            return new StepView(s.ordinal, s.name, s.state.name(), s.attempt, s.bytesDone, s.bytesTotal,
                    s.sourceChecksum, s.targetChecksum, s.error, s.startedAt, s.finishedAt,
                    detail.isEmpty() ? null : detail, s.replica);
        }
    }

    static JobView summary(JobEntity job) {
        return of(job, null);
    }

    static JobView of(JobService.Detail detail) {
        return of(detail.job(), detail.steps().stream().map(StepView::of).toList());
    }

    boolean terminal() {
        return state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("CANCELLED");
    }

    private static JobView of(JobEntity job, List<StepView> steps) {
        Double percent = job.bytesTotal == null || job.bytesTotal == 0 ? null
                : Math.min(100.0, Math.round(1000.0 * job.bytesDone / job.bytesTotal) / 10.0);
        return new JobView(job.id, job.kind.name(), job.state.name(), job.workloadId, job.dryRun, job.request,
                job.attempt, job.leaseOwner, new Progress(job.bytesDone, job.bytesTotal, percent), eta(job, steps), job.outcome,
                job.error, job.createdAt, job.startedAt, job.finishedAt, steps);
    }

    /** Remaining bytes at the transfer's average rate so far; absent when nothing is transferring. */
    private static Long eta(JobEntity job, List<StepView> steps) {
        if (steps == null || job.state.isFinal() || job.bytesTotal == null || job.bytesDone == 0
                || job.bytesDone >= job.bytesTotal) {
            return null;
        }
        return steps.stream().filter(s -> s.state().equals("RUNNING") && s.bytesTotal() != null && s.startedAt() != null)
                .findFirst().map(s -> {
                    double seconds = Math.max(0.001, Duration.between(s.startedAt(), Instant.now()).toMillis() / 1000.0);
                    double rate = s.bytesDone() / seconds;
                    return rate <= 0 ? null : (long) Math.ceil((s.bytesTotal() - s.bytesDone()) / rate);
                }).orElse(null);
    }
}
