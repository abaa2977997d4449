package io.skyfed.policy.spec;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;

/**
 * When public sites may take pending workloads.
 *
 * @param hysteresis how far below its threshold a utilisation trigger must fall before it disarms
 */
public record BurstSpec(List<BurstTriggerSpec> triggers,
        @JsonDeserialize(using = LocatedScalars.RatioDeserializer.class) Double hysteresis) {
}
