package io.skyfed.broker.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A managed VM or group of VMs of one tenant: the site it runs on now and what it needs wherever it runs. */
@Entity
@Table(name = "workload")
public class WorkloadEntity {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public UUID tenantId;

    @Column(nullable = false)
    public String name;

    @Column(name = "provider_id")
    public UUID providerId;

    @Convert(converter = JsonStringListConverter.class)
    @ColumnTransformer(read = "provider_instance_ids::text", write = "cast(cast(? as text) as jsonb)")
    @Column(name = "provider_instance_ids", nullable = false)
    public List<String> providerInstanceIds = new ArrayList<>();

    /** Disks, networks and firewall needs; its shape belongs to the workflow layer. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> spec = new HashMap<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public WorkloadState state = WorkloadState.DEFINED;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
