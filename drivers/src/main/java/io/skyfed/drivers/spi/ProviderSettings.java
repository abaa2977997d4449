package io.skyfed.drivers.spi;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an account lives: the provider id (as chosen with {@code X-Deltacloud-Provider}), an optional endpoint
 * and region, and driver-specific properties (e.g. {@code keystone.scope}, a vSphere datacenter).
 */
public record ProviderSettings(String providerId, URI endpoint, String region, Map<String, String> properties) {

    public ProviderSettings {
        Objects.requireNonNull(providerId, "providerId");
        properties = Map.copyOf(properties == null ? Map.of() : properties);
    }

    /** Settings with only a provider id (the driver's defaults for everything else). */
    public static ProviderSettings of(String providerId) {
        return new ProviderSettings(providerId, null, null, Map.of());
    }

    public Optional<URI> endpointIfSet() {
        return Optional.ofNullable(endpoint);
    }

    public Optional<String> regionIfSet() {
        return Optional.ofNullable(region);
    }

    public Optional<String> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }
}
