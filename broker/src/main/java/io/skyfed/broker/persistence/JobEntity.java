package io.skyfed.broker.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A durable workflow. A replica owns a job while {@code leaseOwner} is set and {@code leaseExpiresAt} lies in
 * the future; {@link JobRepository#claimNext} hands out runnable jobs one replica at a time.
 */
@Entity
@Table(name = "job")
public class JobEntity {

    @Id
    public UUID id;

    @Column(name = "tenant_id", updatable = false)
    public UUID tenantId;

    @Column(name = "workload_id", updatable = false)
    public UUID workloadId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public JobKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public JobState state = JobState.QUEUED;

    @Column(name = "dry_run", nullable = false, updatable = false)
    public boolean dryRun;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false)
    public Map<String, Object> request = new HashMap<>();

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> outcome;

    public String error;

    @Column(nullable = false)
    public int attempt;

    @Column(name = "max_attempts", nullable = false)
    public int maxAttempts = 5;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;

    @Column(name = "bytes_done", nullable = false)
    public long bytesDone;

    @Column(name = "bytes_total")
    public Long bytesTotal;

    @Column(name = "created_by", updatable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Version
    public long version;
}
