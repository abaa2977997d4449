package io.skyfed.broker.workflow;

import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceState;
import java.util.Optional;
import java.util.Set;

/**
 * Checks first that the target has a hardware profile that fits the workload, then stops the source so its disk
 * stops changing. Remembers whether it ran, so that rolling back restarts it: a
 * failed migration never leaves the workload stopped without a running copy.
 */
final class StopSource implements Step {

    static final String NAME = "stop-source";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(StepContext context) {
        String id = context.request().sourceInstanceId();
        if (context.saved("targetProfile").isEmpty()) {
            // A target that cannot hold the workload fails the job here, while the source still runs.
            context.save("targetProfile", TargetSizing.choose(context, Optional.empty()).explanation());
        }
        Instance instance = context.source().instance(id);
        if (context.saved("wasRunning").isEmpty()) {
            context.save("wasRunning", instance.state() != InstanceState.STOPPED);
            context.workloadState("MIGRATING");
        }
        if (instance.state() == InstanceState.PENDING) {
            instance = InstanceWaits.until(context.source(), id, Set.of(InstanceState.RUNNING),
                    context.instanceTimeout(), context::checkCancelled);
        }
        if (instance.state() == InstanceState.RUNNING) {
            context.source().stop(id);
        }
        InstanceWaits.until(context.source(), id, Set.of(InstanceState.STOPPED), context.instanceTimeout(),
                context::checkCancelled);
    }

    @Override
    public void compensate(StepContext context) {
        String id = context.request().sourceInstanceId();
        if (!context.saved("wasRunning").map(Boolean::parseBoolean).orElse(false)) {
            return;
        }
        Set<InstanceState> settled = Set.of(InstanceState.RUNNING, InstanceState.STOPPED);
        Instance instance = InstanceWaits.until(context.source(), id, settled, context.instanceTimeout(), () -> { });
        if (instance.state() == InstanceState.STOPPED) {
            context.source().start(id);
        }
        InstanceWaits.until(context.source(), id, Set.of(InstanceState.RUNNING), context.instanceTimeout(), () -> { });
        context.workloadState("RUNNING");
    }
}
