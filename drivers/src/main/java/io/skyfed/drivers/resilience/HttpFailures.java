package io.skyfed.drivers.resilience;

import java.time.Clock;
import java.time.Duration;

/** Turns an HTTP error status into the failure kind that decides retry and circuit-breaker treatment. */
public final class HttpFailures {

    private HttpFailures() {
    }

    public static RemoteCallException fromStatus(int status, String retryAfterHeader, String detail, Throwable cause) {
        Duration retryAfter = RetryAfter.parse(retryAfterHeader, Clock.systemUTC()).orElse(null);
        String message = "HTTP " + status + (detail == null || detail.isBlank() ? "" : ": " + detail);
        if (status == 429) {
            return new RemoteThrottledException(message, retryAfter, cause);
        }
        if (status == 401 || status == 403) {
            return new RemoteCredentialsException(message, cause);
        }
        if (status == 408 || status >= 500) {
            return new RemoteUnavailableException(message, retryAfter, cause);
        }
        return new RemoteRequestException(status, message, cause);
    }
}
