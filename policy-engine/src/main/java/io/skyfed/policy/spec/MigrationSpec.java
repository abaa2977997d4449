package io.skyfed.policy.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Duration;

/**
 * A reason to move a running workload, which must hold for {@code for} before the move. Exactly one of:
 * {@code repatriate: true} (back on premise once an on-premise site admits it and no burst trigger is active),
 * {@code cheaperBy} (another admissible site is at least this fraction cheaper per hour), or {@code when}
 * (CEL over {@code workload}, {@code site} = the current site, {@code target} = the best admissible other site).
 */
public record MigrationSpec(
        @JsonProperty(required = true) Name name,
        Boolean repatriate,
        @JsonDeserialize(using = LocatedScalars.RatioDeserializer.class) Double cheaperBy,
        Expression when,
        @JsonProperty("for") @JsonDeserialize(using = LocatedScalars.DurationDeserializer.class) Duration holdFor) {
}
