package io.skyfed.drivers.resilience;

/**
 * The provider rejected our credentials (expired token, revoked key, clock skew). Never retried: the same request
 * would fail the same way, and repeated failures can lock an account. The provider itself is healthy.
 */
public class RemoteCredentialsException extends RemoteCallException {

    public RemoteCredentialsException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean countsAgainstProvider() {
        return false;
    }
}
