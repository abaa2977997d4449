package io.skyfed.broker.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A tenant's SSH key pair on one provider (Deltacloud "keys"); a generated private key is a sealed secret. */
@Entity
@Table(name = "key_pair")
public class KeyPairEntity {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public UUID tenantId;

    @Column(name = "provider_id", nullable = false, updatable = false)
    public UUID providerId;

    @Column(nullable = false, updatable = false)
    public String name;

    @Column(name = "provider_key_id")
    public String providerKeyId;

    public String fingerprint;

    @Column(name = "public_key")
    public String publicKey;

    @Column(name = "private_key_secret")
    public UUID privateKeySecret;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
}
