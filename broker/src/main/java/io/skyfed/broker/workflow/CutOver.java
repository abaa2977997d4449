package io.skyfed.broker.workflow;

/**
 * Points the workload at the new instance on the target (after a burst: the workload now runs there). From here the
 * job is final; cancels are refused.
 */
final class CutOver implements Step {

    static final String NAME = "cut-over";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(StepContext context) {
        String id = context.savedBy(LaunchTarget.NAME, "instanceId")
                .orElseThrow(() -> new IllegalStateException("no launched instance to cut over to"));
        context.cutOver(id);
    }

    @Override
    public boolean pointOfNoReturn() {
        return true;
    }
}
