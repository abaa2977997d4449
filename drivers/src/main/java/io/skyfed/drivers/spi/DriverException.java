package io.skyfed.drivers.spi;

/**
 * Base of every error a driver reports on purpose. The API maps each subclass to an HTTP status; anything else
 * escaping a driver is a bug (500). Messages are shown to clients: never put credentials in them.
 */
public abstract class DriverException extends RuntimeException {

    protected DriverException(String message, Throwable cause) {
        super(message, cause);
    }
}
