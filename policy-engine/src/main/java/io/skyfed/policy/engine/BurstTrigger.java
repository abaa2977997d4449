package io.skyfed.policy.engine;

import io.skyfed.policy.cel.CompiledRule;
import java.time.Duration;

/** A compiled burst trigger: one of a utilisation threshold, a pending-count threshold or a CEL condition. */
record BurstTrigger(String name, Kind kind, double threshold, CompiledRule when, Duration holdFor) {

    enum Kind {
        UTILISATION, PENDING, WHEN
    }
}
