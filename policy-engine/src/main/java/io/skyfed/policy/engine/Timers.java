package io.skyfed.policy.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Timed conditions: when one started to hold (from the previous memory), and whether it has held long enough. */
final class Timers {

    private Timers() {
    }

    static Instant since(Map<String, Instant> previous, String key, Instant now) {
        Instant since = previous.get(key);
        return since == null || since.isAfter(now) ? now : since;
    }

    static boolean held(Instant since, Duration holdFor, Instant now) {
        return !now.isBefore(since.plus(holdFor));
    }
}
