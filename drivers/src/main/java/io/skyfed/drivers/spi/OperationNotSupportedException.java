package io.skyfed.drivers.spi;

/**
 * The driver cannot do this (named so as not to shadow {@link java.lang.UnsupportedOperationException}).
 * Nothing was changed. HTTP 405.
 */
public class OperationNotSupportedException extends DriverException {

    public OperationNotSupportedException(String message) {
        super(message, null);
    }
}
