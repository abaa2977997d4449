package io.skyfed.policy.cel;

import io.skyfed.policy.model.Workload;
import java.time.Duration;
import java.time.Instant;

/** A workload as the CEL struct {@code skyfed.Workload}; {@code dwellMinutes} is measured at the snapshot time. */
public final class WorkloadView extends StructView {

    private final Workload w;
    private final Instant now;

    public WorkloadView(Workload w, Instant now) {
        super(Schemas.WORKLOAD);
        this.w = w;
        this.now = now;
    }

    @Override
    protected Object field(String name) {
        return switch (name) {
            case "id" -> w.id();
            case "tenant" -> w.tenant();
            case "size" -> new ResourcesView(w.size());
            case "tags" -> w.tags();
            case "classification" -> w.classification();
            case "residency" -> w.residency();
            case "certifications" -> w.certifications();
            case "affinityGroup" -> w.affinityGroup();
            case "antiAffinityGroup" -> w.antiAffinityGroup();
            case "priority" -> w.priority();
            case "currentSite" -> w.pending() ? "" : w.currentSite();
            case "pending" -> w.pending();
            case "dwellMinutes" -> w.since() == null ? 0L : Math.max(0, Duration.between(w.since(), now).toMinutes());
            case "userLocation" -> w.userLocation();
            default -> w.imageFormat();
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkloadView v && v.w.equals(w) && v.now.equals(now);
    }

    @Override
    public int hashCode() {
        return w.id().hashCode();
    }
}
