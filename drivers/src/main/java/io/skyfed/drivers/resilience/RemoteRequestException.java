package io.skyfed.drivers.resilience;

/**
 * The provider refused the request itself (a 4xx other than 401, 403 and 429: invalid parameter, quota, conflict).
 * Not retried and not held against the provider: the fault is in what we asked.
 */
public class RemoteRequestException extends RemoteCallException {

    private final int status;

    public RemoteRequestException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status, or 0 when the API does not speak HTTP (libvirt). */
    public int status() {
        return status;
    }

    @Override
    public boolean countsAgainstProvider() {
        return false;
    }
}
