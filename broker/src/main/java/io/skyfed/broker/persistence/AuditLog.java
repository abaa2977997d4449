package io.skyfed.broker.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Appends audit events; callers run it inside the transaction of the change it records. */
@ApplicationScoped
public class AuditLog {

    /** What happened, for {@link #record}. Details must never contain secrets. */
    public record Entry(String actor, UUID tenantId, String action, String targetType, String targetId,
                        AuditOutcome outcome, String explanation, Map<String, Object> details) {
    }

    public Uni<AuditEventEntity> record(Entry entry) {
        AuditEventEntity event = new AuditEventEntity();
        event.occurredAt = Instant.now();
        event.actor = entry.actor();
        event.tenantId = entry.tenantId();
        event.action = entry.action();
        event.targetType = entry.targetType();
        event.targetId = entry.targetId();
        event.outcome = entry.outcome();
        event.explanation = entry.explanation();
        event.details = entry.details() == null ? Map.of() : Map.copyOf(entry.details());
        return Panache.getSession()
                .flatMap(session -> session.persist(event).replaceWith(event));
    }
}
