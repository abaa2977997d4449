package io.skyfed.policy.cel;

import io.skyfed.policy.model.Resources;
import io.skyfed.policy.model.Tenant;

/** A tenant as the CEL struct {@code skyfed.Tenant}: its budget and quota. */
public final class TenantView extends StructView {

    private final Tenant t;

    public TenantView(Tenant t) {
        super(Schemas.TENANT);
        this.t = t;
    }

    @Override
    protected Object field(String name) {
        return switch (name) {
            case "id" -> t.id();
            case "budgetPerHour" -> t.budgetPerHour();
            case "hasQuota" -> t.quota() != null;
            default -> new ResourcesView(t.quota() == null ? Resources.ZERO : t.quota());
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TenantView v && v.t.equals(t);
    }

    @Override
    public int hashCode() {
        return t.id().hashCode();
    }
}
