package io.skyfed.drivers.resilience;

/**
 * A remote call to a provider failed. Subclasses say how the failure must be treated: whether it may be retried,
 * whether it speaks against the provider's health (and so counts for its circuit breaker).
 */
public abstract class RemoteCallException extends RuntimeException {

    protected RemoteCallException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when the provider itself is at fault (down, overloaded, broken), as opposed to our request or account. */
    public abstract boolean countsAgainstProvider();
}
