package io.skyfed.broker.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A team or customer sharing the broker; its budget bounds what automation may spend for it. */
@Entity
@Table(name = "tenant")
public class TenantEntity {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true, updatable = false)
    public String name;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Column(name = "monthly_budget")
    public BigDecimal monthlyBudget;

    @Column(name = "budget_currency")
    public String budgetCurrency;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
