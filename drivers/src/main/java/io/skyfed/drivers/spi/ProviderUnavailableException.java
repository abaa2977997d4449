package io.skyfed.drivers.spi;

/** The provider could not be reached or failed on its side; retrying later may work. HTTP 502/504. */
public class ProviderUnavailableException extends DriverException {

    private final boolean timeout;

    public ProviderUnavailableException(String message, boolean timeout, Throwable cause) {
        super(message, cause);
        this.timeout = timeout;
    }

    public ProviderUnavailableException(String message, Throwable cause) {
        this(message, false, cause);
    }

    /** True when the provider did not answer in time (HTTP 504 rather than 502). */
    public boolean timeout() {
        return timeout;
    }
}
