package io.skyfed.broker.federation;

/** The change contradicts the current state: the name is taken, the provider is owned by configuration, or in use. */
public class ProviderConflictException extends RuntimeException {

    public ProviderConflictException(String message) {
        super(message);
    }
}
