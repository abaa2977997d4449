package io.skyfed.broker.api.v1;

import io.skyfed.broker.persistence.WorkloadEntity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A workload as the API shows it: where it runs now (provider by name) and what it needs. */
public record WorkloadView(UUID id, String name, String provider, List<String> instanceIds, String state,
                           Map<String, Object> spec, Instant createdAt, Instant updatedAt) {

    static WorkloadView of(WorkloadEntity w, Map<UUID, String> providerNames) {
        return new WorkloadView(w.id, w.name, w.providerId == null ? null : providerNames.get(w.providerId),
                List.copyOf(w.providerInstanceIds), w.state.name(), w.spec, w.createdAt, w.updatedAt);
    }
}
