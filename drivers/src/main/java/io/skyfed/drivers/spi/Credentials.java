package io.skyfed.drivers.spi;

import java.util.Objects;

/**
 * What a provider account authenticates with: user/password, access key/secret, or a service principal.
 * {@link #toString()} never shows the secret, so credentials can't leak through logs or exception messages.
 */
public record Credentials(String user, String secret) {

    public Credentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", secret=****]";
    }
}
