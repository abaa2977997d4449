package io.skyfed.broker.workflow;

import io.skyfed.drivers.spi.InstanceState;
import java.util.Set;

/** Waits until the launched instance runs; a launch that never comes up fails the job and is rolled back. */
final class VerifyTarget implements Step {

    static final String NAME = "verify-target";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(StepContext context) {
        String id = context.savedBy(LaunchTarget.NAME, "instanceId")
                .orElseThrow(() -> new IllegalStateException("no launched instance to verify"));
        InstanceWaits.until(context.target(), id, Set.of(InstanceState.RUNNING), context.instanceTimeout(),
                context::checkCancelled);
        context.save("state", InstanceState.RUNNING.name());
    }
}
