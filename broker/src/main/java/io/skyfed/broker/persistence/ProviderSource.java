package io.skyfed.broker.persistence;

/** Who owns a provider's definition: the configuration (re-applied at every start) or the API. */
public enum ProviderSource {
    CONFIGURATION,
    API
}
