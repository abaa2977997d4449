package io.skyfed.broker.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.skyfed.broker.federation.ProviderHealth;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The outcome of a connection check. */
@Schema(name = "ConnectionCheck")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProviderHealthView(String provider, @Schema(enumeration = {"UP", "DOWN"}) String state,
                                 Instant checkedAt, long latencyMillis, String error,
                                 @Schema(description = "This replica's circuit breaker for the provider; absent for drivers without one",
                                         enumeration = {"CLOSED", "OPEN", "HALF_OPEN"}) String circuit,
                                 @Schema(description = "Failed calls the breaker counted on this replica") Long circuitFailures) {

    static ProviderHealthView of(ProviderHealth health) {
        return new ProviderHealthView(health.provider(), health.state().name(), health.checkedAt(),
                health.latencyMillis(), health.error(), health.circuit() == null ? null : health.circuit().name(),
                health.circuitFailures());
    }
}
