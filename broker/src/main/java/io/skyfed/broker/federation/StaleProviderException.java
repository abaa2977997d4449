package io.skyfed.broker.federation;

/** An If-Match precondition named a version of the provider that is no longer the current one. */
public class StaleProviderException extends RuntimeException {

    public StaleProviderException(String name, long expected, long current) {
        super("provider '" + name + "' is at version " + current + ", not " + expected
                + "; read it again and reapply the change");
    }
}
