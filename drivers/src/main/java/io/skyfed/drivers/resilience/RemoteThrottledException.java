package io.skyfed.drivers.resilience;

import java.time.Duration;

/**
 * The provider refused the call because we call it too often (HTTP 429, EC2 RequestLimitExceeded). Retried like any
 * unavailability, but it says nothing about the provider's health, so it does not trip the circuit breaker.
 */
public class RemoteThrottledException extends RemoteUnavailableException {

    public RemoteThrottledException(String message, Duration retryAfter, Throwable cause) {
        super(message, retryAfter, cause);
    }

    @Override
    public boolean countsAgainstProvider() {
        return false;
    }
}
