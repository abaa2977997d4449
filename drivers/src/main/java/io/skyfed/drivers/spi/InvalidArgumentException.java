package io.skyfed.drivers.spi;

/** A parameter is missing, malformed or out of range; nothing was changed. HTTP 400. */
public class InvalidArgumentException extends DriverException {

    private final String parameter;

    public InvalidArgumentException(String parameter, String message) {
        super(message, null);
        this.parameter = parameter;
    }

    /** The offending parameter's name, e.g. {@code hwp_memory}. */
    public String parameter() {
        return parameter;
    }
}
