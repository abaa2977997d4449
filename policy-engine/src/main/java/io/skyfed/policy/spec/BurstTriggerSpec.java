package io.skyfed.policy.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Duration;

/**
 * A condition that, once it has held for {@code for}, lets pending workloads burst to public sites. Exactly one
 * of {@code utilisationAbove} (on-premise utilisation), {@code pendingAbove} (pending workload count) or
 * {@code when} (CEL over {@code fleet}) is given.
 */
public record BurstTriggerSpec(
        @JsonProperty(required = true) Name name,
        @JsonDeserialize(using = LocatedScalars.RatioDeserializer.class) Double utilisationAbove,
        Long pendingAbove,
        Expression when,
        @JsonProperty("for") @JsonDeserialize(using = LocatedScalars.DurationDeserializer.class) Duration holdFor) {
}
