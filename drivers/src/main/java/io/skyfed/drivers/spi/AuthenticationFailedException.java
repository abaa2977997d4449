package io.skyfed.drivers.spi;

/** The provider refused the credentials. HTTP 401. */
public class AuthenticationFailedException extends DriverException {

    public AuthenticationFailedException(String message) {
        super(message, null);
    }
}
