package io.skyfed.broker.api.v1;

import io.skyfed.drivers.spi.Credentials;
import io.skyfed.broker.federation.ProviderSpec;
import io.skyfed.broker.persistence.LocationKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A provider as clients define it: on create, {@code name} is required; on update it may be left out. */
@Schema(name = "ProviderRequest")
public record ProviderRequest(
        @Schema(description = "Unique name: lower-case letters, digits and inner hyphens", examples = "aws-eu-west-1")
        @Pattern(regexp = ProviderSpec.NAME_PATTERN, message = "must be 1-63 lower-case letters, digits and inner hyphens")
        String name,
        @Schema(description = "Driver kind, by its Deltacloud name", examples = "ec2")
        @NotNull @Pattern(regexp = "[a-z0-9-]{1,64}", message = "must be a driver name such as mock or ec2")
        String driver,
        @Schema(description = "on-premise or public (default on-premise)", enumeration = {"on-premise", "public"})
        @Pattern(regexp = "on-premise|public", message = "must be on-premise or public")
        String location,
        @Schema(description = "API endpoint, when the driver needs one", examples = "https://ec2.eu-west-1.amazonaws.com")
        @Size(max = 2048) String endpoint,
        @Schema(examples = "eu-west-1")
        @Size(max = 128) String region,
        @Schema(description = "Driver-specific settings")
        @Size(max = 64) Map<@NotNull @Size(min = 1, max = 256) String, @NotNull @Size(max = 4096) String> properties,
        @Schema(description = "Disabled providers are kept but not queried (default true)")
        Boolean enabled,
        @Schema(description = "Omit on update to keep the stored credentials")
        @Valid CredentialsRequest credentials) implements V1Request {

    /** The domain spec, for a provider named {@code providerName}. */
    ProviderSpec toSpec(String providerName) {
        return new ProviderSpec(providerName, driver, location(location), checkedEndpoint(), region,
                properties, enabled == null || enabled,
                Optional.ofNullable(credentials).map(c -> new Credentials(c.user(), c.secret())));
    }

    static LocationKind location(String value) {
        return "public".equals(value) ? LocationKind.PUBLIC : LocationKind.ON_PREMISE;
    }

    static String location(LocationKind kind) {
        return kind == LocationKind.PUBLIC ? "public" : "on-premise";
    }

    private String checkedEndpoint() {
        if (endpoint == null) {
            return null;
        }
        try {
            URI uri = new URI(endpoint);
            if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null) {
                throw ProblemException.invalid("endpoint", "must be an absolute URI with a host and no user info");
            }
            return endpoint;
        } catch (URISyntaxException e) {
            throw ProblemException.invalid("endpoint", "must be an absolute URI");
        }
    }
}
