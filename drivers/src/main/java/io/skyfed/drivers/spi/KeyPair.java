package io.skyfed.drivers.spi;

import java.util.Objects;

/**
 * A login credential registered with the provider. {@code privateKeyPem} is only ever present in the answer to
 * {@link KeyService#create} (providers show it once); {@code fingerprint} may be null.
 */
public record KeyPair(String id, String name, String fingerprint, String privateKeyPem) {

    public KeyPair {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }

    /** The same key without its private part, as any later read returns it. */
    public KeyPair withoutPrivateKey() {
        return new KeyPair(id, name, fingerprint, null);
    }

    @Override
    public String toString() {
        return "KeyPair[id=" + id + ", name=" + name + ", fingerprint=" + fingerprint + "]";
    }
}
