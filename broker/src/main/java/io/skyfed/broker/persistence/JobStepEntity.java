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

/** One idempotent, checkpointed step of a job; {@code idempotencyKey} names what it creates on a provider. */
@Entity
@Table(name = "job_step")
public class JobStepEntity {

    @Id
    public UUID id;

    @Column(name = "job_id", nullable = false, updatable = false)
    public UUID jobId;

    @Column(nullable = false, updatable = false)
    public int ordinal;

    @Column(nullable = false, updatable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public StepState state = StepState.PENDING;

    @Column(name = "idempotency_key", nullable = false, updatable = false)
    public String idempotencyKey;

    @Column(nullable = false)
    public int attempt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> checkpoint = new HashMap<>();

    @Column(name = "bytes_done", nullable = false)
    public long bytesDone;

    @Column(name = "bytes_total")
    public Long bytesTotal;

    @Column(name = "source_checksum")
    public String sourceChecksum;

    @Column(name = "target_checksum")
    public String targetChecksum;

    public String error;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** The replica that last started this step; a step taken over after a crash names its new runner. */
    public String replica;

    @Version
    public long version;
}
