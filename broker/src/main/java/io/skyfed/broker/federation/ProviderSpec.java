package io.skyfed.broker.federation;

import io.skyfed.drivers.spi.Credentials;
import io.skyfed.broker.persistence.LocationKind;
import io.skyfed.drivers.spi.ProviderSettings;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What defines a provider, from the API or from configuration. {@code credentials} empty means "leave the
 * stored credentials as they are" on update and "none" on create.
 */
public record ProviderSpec(String name, String driver, LocationKind location, String endpoint, String region,
                           Map<String, String> properties, boolean enabled, Optional<Credentials> credentials) {

    /** DNS-label-like, so a name is safe in URLs, metric tags and configuration keys. */
    public static final String NAME_PATTERN = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";
    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);

    public ProviderSpec {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("provider name '" + name + "' must be 1-63 lower-case letters, "
                    + "digits and inner hyphens");
        }
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(location, "location");
        properties = Map.copyOf(properties == null ? Map.of() : properties);
        credentials = credentials == null ? Optional.empty() : credentials;
    }

    /** Where a driver finds this provider. */
    public ProviderSettings settings() {
        return new ProviderSettings(name, endpoint == null ? null : URI.create(endpoint), region, properties);
    }
}
