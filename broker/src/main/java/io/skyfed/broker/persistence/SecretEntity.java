package io.skyfed.broker.persistence;

import io.skyfed.broker.secrets.SealedSecret;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A sealed secret row; see {@link io.skyfed.broker.secrets.EnvelopeCipher}. */
@Entity
@Table(name = "secret")
public class SecretEntity {

    @Id
    public UUID id;

    @Column(name = "master_key_id", nullable = false)
    public String masterKeyId;

    @Column(name = "wrapped_key", nullable = false)
    public byte[] wrappedKey;

    @Column(name = "key_nonce", nullable = false)
    public byte[] keyNonce;

    @Column(nullable = false)
    public byte[] nonce;

    @Column(nullable = false)
    public byte[] ciphertext;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "rewrapped_at")
    public Instant rewrappedAt;

    public SealedSecret sealed() {
        return new SealedSecret(masterKeyId, wrappedKey, keyNonce, nonce, ciphertext);
    }

    public void store(SealedSecret sealed) {
        masterKeyId = sealed.masterKeyId();
        wrappedKey = sealed.wrappedKey();
        keyNonce = sealed.keyNonce();
        nonce = sealed.nonce();
        ciphertext = sealed.ciphertext();
    }
}
