package io.skyfed.policy.engine;

import io.skyfed.policy.cel.CompiledRule;
import java.time.Duration;

/** A compiled migration rule: repatriation, a cheaper-elsewhere threshold or a CEL condition. */
record MigrationRule(String name, Kind kind, double cheaperBy, CompiledRule when, Duration holdFor) {

    enum Kind {
        REPATRIATE, CHEAPER, WHEN
    }
}
