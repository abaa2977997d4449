package io.skyfed.drivers.resilience;

import java.time.Clock;
import java.time.Duration;

/** Turns an HTTP error status into the failure kind that decides retry and circuit-breaker treatment. */
public final class HttpFailures {

    private HttpFailures() {
    }

    public static ProviderCallException fromStatus(int status, String retryAfterHeader, String detail, Throwable cause) {
        Duration retryAfter = RetryAfter.parse(retryAfterHeader, Clock.systemUTC()).orElse(null);
        String message = "HTTP " + status + (detail == null || detail.isBlank() ? "" : ": " + detail);
        if (status == 429) {
            return new ProviderThrottledException(message, retryAfter, cause);
        }
        if (status == 401 || status == 403) {
            return new ProviderCredentialsException(message, cause);
        }
        if (status == 408 || status >= 500) {
            return new ProviderUnavailableException(message, retryAfter, cause);
        }
        return new ProviderRequestException(status, message, cause);
    }
}
