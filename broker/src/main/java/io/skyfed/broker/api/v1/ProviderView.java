package io.skyfed.broker.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.skyfed.broker.persistence.ProviderEntity;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A provider as the API shows it. Credentials appear only as the user and whether a secret is stored. */
@Schema(name = "Provider")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProviderView(String name, String driver, String location, String endpoint, String region,
                           Map<String, String> properties, boolean enabled,
                           @Schema(description = "configuration (read-only through the API) or api") String source,
                           CredentialsView credentials, HealthView health, Instant createdAt, Instant updatedAt,
                           long version) {

    @Schema(name = "CredentialsSummary")
    public record CredentialsView(String user, boolean secretStored) {
    }

    @Schema(name = "ProviderHealth")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HealthView(@Schema(enumeration = {"UNKNOWN", "UP", "DOWN"}) String state, Instant checkedAt,
                             String error) {
    }

    static ProviderView of(ProviderEntity entity) {
        return new ProviderView(entity.name, entity.driver, ProviderRequest.location(entity.location),
                entity.endpoint, entity.region, entity.properties, entity.enabled,
                entity.source.name().toLowerCase(),
                entity.credentialSecret == null ? null : new CredentialsView(entity.credentialUser, true),
                new HealthView(entity.health.name(), entity.healthCheckedAt, entity.healthError),
                entity.createdAt, entity.updatedAt, entity.version);
    }
}
