package io.skyfed.policy.cel;

import io.skyfed.policy.model.Prices;

/** {@link Prices} as the CEL struct {@code skyfed.Prices}. */
public final class PricesView extends StructView {

    private final Prices p;

    public PricesView(Prices p) {
        super(Schemas.PRICES);
        this.p = p;
    }

    @Override
    protected Object field(String name) {
        return switch (name) {
            case "vcpuHour" -> p.vcpuHour();
            case "ramGiBHour" -> p.ramGiBHour();
            case "storageGiBMonth" -> p.storageGiBMonth();
            default -> p.egressGiB();
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PricesView v && v.p.equals(p);
    }

    @Override
    public int hashCode() {
        return p.hashCode();
    }
}
