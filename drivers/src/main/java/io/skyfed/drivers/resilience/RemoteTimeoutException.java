package io.skyfed.drivers.resilience;

/** The provider did not answer within the transport's timeout: retryable like any unavailability, shown as a 504. */
public class RemoteTimeoutException extends RemoteUnavailableException {

    public RemoteTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
