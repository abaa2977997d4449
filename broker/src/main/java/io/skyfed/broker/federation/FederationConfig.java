package io.skyfed.broker.federation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the broker talks to its providers. See docs/configuration.md. */
@ConfigMapping(prefix = "skyfed.federation")
public interface FederationConfig {

    /** How often every enabled provider's inventory is re-read. */
    @WithDefault("60s")
    Duration refreshInterval();

    /** An inventory older than this many refresh intervals is reported stale. */
    @WithDefault("2")
    int staleAfterIntervals();

    /** The longest a connection check or one inventory read of one provider may take. */
    @WithDefault("30s")
    Duration callTimeout();
}
