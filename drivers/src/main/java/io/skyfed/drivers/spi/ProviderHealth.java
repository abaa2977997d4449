package io.skyfed.drivers.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * How calls to one provider fare, as the driver's fault guard sees them: for readiness checks and metrics.
 * {@code lastFailure} and {@code lastFailureAt} are null until a call fails; the message never holds credentials.
 */
public record ProviderHealth(String providerId, CircuitState circuit, long calls, long failures,
                             String lastFailure, Instant lastFailureAt) {

    public ProviderHealth {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(circuit, "circuit");
    }
}
