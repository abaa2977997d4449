package io.skyfed.broker.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One audit event: who did what, when, with which outcome and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "AuditEvent")
public record AuditEventView(long id, Instant occurredAt, String actor, String tenant, String action,
                             String targetType, String targetId,
                             @Schema(enumeration = {"SUCCESS", "FAILURE", "DENIED"}) String outcome,
                             String explanation, Map<String, Object> details, String requestId) {
}
