package io.skyfed.policy.cel;

import io.skyfed.policy.model.Resources;

/** {@link Resources} as the CEL struct {@code skyfed.Resources}. */
public final class ResourcesView extends StructView {

    private final Resources r;

    public ResourcesView(Resources r) {
        super(Schemas.RESOURCES);
        this.r = r;
    }

    @Override
    protected Object field(String name) {
        return switch (name) {
            case "vcpu" -> r.vcpu();
            case "ramMiB" -> r.ramMiB();
            case "diskGiB" -> r.diskGiB();
            default -> r.gpus();
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResourcesView v && v.r.equals(r);
    }

    @Override
    public int hashCode() {
        return r.hashCode();
    }
}
