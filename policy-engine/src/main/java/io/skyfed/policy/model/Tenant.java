package io.skyfed.policy.model;

import java.util.Objects;

/**
 * A customer of the broker.
 *
 * @param budgetPerHour the most its running workloads may cost per hour; 0 means no limit
 * @param quota         the most resources its workloads may hold in total; null means no limit
 */
public record Tenant(String id, double budgetPerHour, Resources quota) {

    public Tenant {
        Objects.requireNonNull(id, "tenant id");
        if (budgetPerHour < 0 || !Double.isFinite(budgetPerHour)) {
            throw new IllegalArgumentException("tenant " + id + ": budgetPerHour must be finite and not negative");
        }
    }

    public static Tenant unlimited(String id) {
        return new Tenant(id, 0, null);
    }
}
