package io.skyfed.broker.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Who did what, when, with which outcome and why. The table refuses updates and deletes. */
@Entity
@Immutable
@Table(name = "audit_event")
public class AuditEventEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(nullable = false)
    public String actor;

    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(nullable = false)
    public String action;

    @Column(name = "target_type", nullable = false)
    public String targetType;

    @Column(name = "target_id")
    public String targetId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AuditOutcome outcome;

    public String explanation;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> details = new HashMap<>();

    @Column(name = "request_id")
    public String requestId;
}
