package io.skyfed.policy.cel;

import io.skyfed.policy.model.Resources;

/** Fleet-wide figures burst triggers look at, as the CEL struct {@code skyfed.Fleet}. */
public final class FleetView extends StructView {

    private final long pendingWorkloads;
    private final long pendingVcpu;
    private final double onPremUtilisation;
    private final Resources onPremFree;
    private final long epochSeconds;

    public FleetView(long pendingWorkloads, long pendingVcpu, double onPremUtilisation, Resources onPremFree,
            long epochSeconds) {
        super(Schemas.FLEET);
        this.pendingWorkloads = pendingWorkloads;
        this.pendingVcpu = pendingVcpu;
        this.onPremUtilisation = onPremUtilisation;
        this.onPremFree = onPremFree;
        this.epochSeconds = epochSeconds;
    }

    public double onPremUtilisation() {
        return onPremUtilisation;
    }

    public long pendingWorkloads() {
        return pendingWorkloads;
    }

    @Override
    protected Object field(String name) {
        return switch (name) {
            case "pendingWorkloads" -> pendingWorkloads;
            case "pendingVcpu" -> pendingVcpu;
            case "onPremUtilisation" -> onPremUtilisation;
            case "onPremFree" -> new ResourcesView(onPremFree);
            default -> epochSeconds;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FleetView v && v.pendingWorkloads == pendingWorkloads && v.pendingVcpu == pendingVcpu
                && v.onPremUtilisation == onPremUtilisation && v.onPremFree.equals(onPremFree)
                && v.epochSeconds == epochSeconds;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(pendingWorkloads * 31 + pendingVcpu);
    }
}
