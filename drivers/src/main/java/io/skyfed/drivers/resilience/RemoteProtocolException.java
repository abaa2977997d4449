package io.skyfed.drivers.resilience;

/**
 * The provider answered with something we cannot read (malformed XML or JSON, a missing element). Not retried, since
 * a broken answer tends to repeat, but it counts against the provider's health.
 */
public class RemoteProtocolException extends RemoteCallException {

    public RemoteProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean countsAgainstProvider() {
        return true;
    }
}
