package io.skyfed.policy.cel;

import io.skyfed.policy.model.Resources;
import io.skyfed.policy.model.Tenant;

/** A tenant as the CEL struct {@code skyfed.Tenant}, with its use and spend as accounted so far in the batch. */
public final class TenantView extends StructView {

    private final Tenant t;
    private final Resources used;
    private final double spendPerHour;

    public TenantView(Tenant t, Resources used, double spendPerHour) {
        super(Schemas.TENANT);
        this.t = t;
        this.used = used;
        this.spendPerHour = spendPerHour;
    }

    @Override
    protected Object field(String name) {
        return switch (name) {
            case "id" -> t.id();
            case "budgetPerHour" -> t.budgetPerHour();
            case "hasQuota" -> t.quota() != null;
            case "quota" -> new ResourcesView(t.quota() == null ? Resources.ZERO : t.quota());
            case "spendPerHour" -> spendPerHour;
            default -> new ResourcesView(used);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TenantView v && v.t.equals(t) && v.used.equals(used) && v.spendPerHour == spendPerHour;
    }

    @Override
    public int hashCode() {
        return t.id().hashCode();
    }
}
