package io.skyfed.broker.federation;

import io.skyfed.broker.persistence.ProviderEntity;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports every provider's last known health in the readiness check. One provider being down does not make the
 * broker unready (it still serves the others); the check is down only when the registry cannot be read.
 */
@Readiness
@ApplicationScoped
public class ProvidersReadinessCheck implements AsyncHealthCheck {

    private final ProviderRegistry registry;
    private final ProviderCircuits circuits;

    ProvidersReadinessCheck(ProviderRegistry registry, ProviderCircuits circuits) {
        this.registry = registry;
        this.circuits = circuits;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return registry.list()
                .map(providers -> {
                    HealthCheckResponseBuilder builder = HealthCheckResponse.named("providers").up();
                    for (ProviderEntity provider : providers) {
                        builder.withData(provider.name, provider.enabled ? describe(provider) : "disabled");
                    }
                    return builder.build();
                })
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named("providers").down()
                        .withData("error", Failures.describe(failure)).build());
    }

    /** The recorded health, then this replica's circuit breaker when the driver keeps one. */
    private String describe(ProviderEntity provider) {
        String circuit = circuits.of(provider.name, provider.driver)
                .map(health -> " (circuit " + health.circuit() + ")").orElse("");
        return provider.health.name() + circuit + (provider.healthError == null ? "" : ": " + provider.healthError);
    }
}
