package io.skyfed.drivers.resilience;

import java.time.Duration;
import java.util.Optional;

/**
 * The provider could not answer now: a 5xx, a reset or refused connection, a socket timeout. Worth retrying when the
 * call is idempotent, after the delay the provider asked for (Retry-After) if it asked for one.
 */
public class RemoteUnavailableException extends RemoteCallException {

    private final Duration retryAfter;

    public RemoteUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public RemoteUnavailableException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public boolean countsAgainstProvider() {
        return true;
    }
}
