package io.skyfed.policy.spec;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Duration;

/**
 * Anti-flapping settings.
 *
 * @param minDwell   a workload stays at least this long where it is before a migration rule may move it
 * @param hysteresis how far a cheaperBy saving may fall below its threshold before its timer resets
 */
public record StabilitySpec(
        @JsonDeserialize(using = LocatedScalars.DurationDeserializer.class) Duration minDwell,
        @JsonDeserialize(using = LocatedScalars.RatioDeserializer.class) Double hysteresis) {
}
