package io.skyfed.broker.workflow;

import io.skyfed.broker.persistence.JobKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The steps of each kind of job, in order. A warm migration runs the cold plan until a driver reports changed
 * blocks (no driver does yet); its outcome says so.
 */
@ApplicationScoped
public class JobPlans {

    static final String WARM_FALLBACK = "warm migration needs changed-block tracking, which the source driver does"
            + " not offer: migrated cold (stop, copy, start)";

    private final Map<String, Step> steps;

    JobPlans(DiskCopier copier) {
        this.steps = List.of(new StopSource(), new TransferDisk(copier), new LaunchTarget(), new VerifyTarget(),
                new CutOver(), new CleanUp()).stream().collect(Collectors.toMap(Step::name, Function.identity()));
    }

    static List<String> stepNames(JobKind kind) {
        return switch (kind) {
            case BURST -> List.of(LaunchTarget.NAME, VerifyTarget.NAME, CutOver.NAME);
            case MIGRATE_COLD, MIGRATE_WARM, REPATRIATE -> List.of(StopSource.NAME, TransferDisk.NAME,
                    LaunchTarget.NAME, VerifyTarget.NAME, CutOver.NAME, CleanUp.NAME);
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
