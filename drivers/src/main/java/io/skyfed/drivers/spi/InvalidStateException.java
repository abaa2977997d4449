package io.skyfed.drivers.spi;

/**
 * The action is not allowed in the resource's current state: stopping a stopped instance, deleting an attached
 * volume. A special case of "not supported" (HTTP 405, as Deltacloud offers only the actions valid in a state).
 */
public class InvalidStateException extends OperationNotSupportedException {

    public InvalidStateException(String message) {
        super(message);
    }
}
