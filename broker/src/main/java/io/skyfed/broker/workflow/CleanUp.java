package io.skyfed.broker.workflow;

import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.NotFoundException;
import java.util.Optional;
import java.util.Set;

/**
 * Removes what the migration left behind: the source instance (with its disk) and the image imported or sealed
 * on the target (the new instance has its own disk). Each removal is skipped when already done, so re-runs are safe.
 */
final class CleanUp implements Step {

    static final String NAME = "clean-up";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(StepContext context) {
        String source = context.request().sourceInstanceId();
        Optional<Instance> old = InstanceWaits.find(context.source(), source);
        if (old.isPresent() && old.get().state() != InstanceState.FINISH) {
            InstanceWaits.until(context.source(), source, Set.of(InstanceState.STOPPED, InstanceState.RUNNING),
                    context.instanceTimeout(), () -> { });
            context.source().destroy(source);
        }
        Optional<String> image = context.importedImage();
        if (image.isPresent()) {
            try {
                context.target().imageService().ifPresent(images -> images.delete(image.get()));
            } catch (NotFoundException alreadyGone) {
                // deleted by an earlier run of this step
            }
        }
    }
}
