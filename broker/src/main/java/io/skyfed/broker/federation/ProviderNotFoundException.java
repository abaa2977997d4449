package io.skyfed.broker.federation;

/** No provider has that name. */
public class ProviderNotFoundException extends RuntimeException {

    public ProviderNotFoundException(String name) {
        super("no provider named '" + name + "'");
    }
}
