package io.skyfed.broker.federation;

import java.util.Objects;

/** A provider account's user and secret on their way to being sealed. {@link #toString()} hides the secret. */
public record AccountCredentials(String user, String secret) {

    public AccountCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "AccountCredentials[user=" + user + ", secret=****]";
    }
}
