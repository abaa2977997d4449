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

/** An account/endpoint/region of one driver kind. The credential's secret lives sealed in {@link SecretEntity}. */
@Entity
@Table(name = "provider")
public class ProviderEntity {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true, updatable = false)
    public String name;

    @Column(nullable = false, updatable = false)
    public String driver;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public LocationKind location;

    public String endpoint;

    public String region;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> properties = new HashMap<>();

    @Column(name = "credential_user")
    public String credentialUser;

    @Column(name = "credential_secret")
    public UUID credentialSecret;

    @Column(nullable = false)
    public boolean enabled = true;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public ProviderSource source;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public HealthState health = HealthState.UNKNOWN;

    @Column(name = "health_checked_at")
    public Instant healthCheckedAt;

    @Column(name = "health_error")
    public String healthError;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
