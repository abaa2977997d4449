package io.skyfed.broker.workflow;

import io.skyfed.broker.persistence.JobKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The steps of each kind of job, in order. A warm migration copies while the source runs (replicate-disk), stops
 * it, and syncs the rest (final-sync); when a side cannot, those steps fall back to the cold transfer and say so.
 */
@ApplicationScoped
public class JobPlans {

    private final Map<String, Step> steps;

    JobPlans(DiskCopier copier, JobsConfig config) {
        TransferDisk transfer = new TransferDisk(copier);
        this.steps = List.of(new StopSource(), transfer, new LaunchTarget(), new VerifyTarget(), new CutOver(),
                new CleanUp(), new ReplicateDisk(config.warm()), new FinalSync(transfer, config.warm())).stream()
                .collect(Collectors.toMap(Step::name, Function.identity()));
    }

    static List<String> stepNames(JobKind kind) {
        return switch (kind) {
            case BURST -> List.of(LaunchTarget.NAME, VerifyTarget.NAME, CutOver.NAME);
            case MIGRATE_COLD, REPATRIATE -> List.of(StopSource.NAME, TransferDisk.NAME,
                    LaunchTarget.NAME, VerifyTarget.NAME, CutOver.NAME, CleanUp.NAME);
            case MIGRATE_WARM -> List.of(ReplicateDisk.NAME, StopSource.NAME, FinalSync.NAME, LaunchTarget.NAME,
                    VerifyTarget.NAME, CutOver.NAME, CleanUp.NAME);
        };
    }

    Step step(String name) {
        Step step = steps.get(name);
        if (step == null) {
            throw new PermanentFailure("unknown step " + name);
        }
        return step;
    }
}
