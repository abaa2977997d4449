package io.skyfed.broker.workflow;

import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InstanceState;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Launches the workload on the target: from the imported disk (migration) or from the workload's image (burst).
 * The instance is named by the step's idempotency key, so a re-run finds it instead of launching a second one.
 * Its hardware profile is the one asked for, or the target's smallest that fits the workload ({@link ProfileFit}).
 */
final class LaunchTarget implements Step {

    static final String NAME = "launch-target";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(StepContext context) {
        // A driver that cannot name instances (ec2) launches unnamed: the checkpoint, or the request token below,
        // finds the instance again.
        String name = context.targetNamesInstances() ? context.idempotencyKey() : null;
        Optional<Instance> launched = launched(context);
        if (launched.isPresent()) {
            context.save("instanceId", launched.get().id());
            return;
        }
        boolean burst = context.request().mode() == MigrationRequest.Mode.BURST;
        String image = burst ? context.request().image() : context.importedImage()
                .orElseThrow(() -> new IllegalStateException("no imported image to launch"));
        ProfileFit.Choice profile = TargetSizing.choose(context, Optional.of(image));
        context.save("hardwareProfile", profile.explanation());
        // From here an instance may exist on the target: rollback must look for it.
        context.save("launching", true);
        // The step's key as request token: a target that honours it (ec2's ClientToken) answers a re-run whose
        // checkpoint was lost with the instance of the first run instead of launching a second.
        Instance created = context.target().createInstance(new InstanceSpec(image, null, profile.profileId(),
                profile.overrides(), name, null, null, List.of(), context.idempotencyKey()));
        context.save("instanceId", created.id());
    }

    @Override
    public void compensate(StepContext context) {
        if (context.saved("launching").isEmpty() && context.saved("instanceId").isEmpty()) {
            return;
        }
        Optional<Instance> launched = launched(context);
        if (launched.isEmpty()) {
            return;
        }
        Instance settled = InstanceWaits.until(context.target(), launched.get().id(),
                Set.of(InstanceState.RUNNING, InstanceState.STOPPED), context.instanceTimeout(), () -> { });
        context.target().destroy(settled.id());
    }

    /**
     * The instance an earlier run launched: by its checkpointed id, else by the request token it was launched with
     * (a crash between the launch and the checkpoint leaves only that on ec2, which cannot name instances), else by
     * name where the target names them.
     */
    private static Optional<Instance> launched(StepContext context) {
        return context.saved("instanceId").flatMap(id -> InstanceWaits.find(context.target(), id))
                .or(() -> context.target().instanceByRequestToken(context.idempotencyKey()))
                .or(() -> context.targetNamesInstances()
                        ? InstanceWaits.named(context.target(), context.idempotencyKey()) : Optional.empty());
    }
}
