package io.skyfed.broker.federation;

import java.util.Collection;

/** A provider names a driver kind that no installed driver provides. */
public class UnknownDriverException extends RuntimeException {

    public UnknownDriverException(String driver, Collection<String> known) {
        super("unknown driver '" + driver + "'; installed drivers: " + String.join(", ", known));
    }
}
