package io.skyfed.broker.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Security headers and per-client rate limits of both APIs. See docs/configuration.md. */
@ConfigMapping(prefix = "skyfed.http")
public interface HardeningConfig {

    /** Strict-Transport-Security, sent only on requests that arrived over TLS (directly or per X-Forwarded-Proto). */
    @WithDefault("max-age=31536000; includeSubDomains")
    String hsts();

    RateLimit rateLimit();

    /** A token bucket per client: {@code capacity} requests at once, refilled by {@code refill-tokens} each period. */
    interface RateLimit {

        /** Off in the embedded default (one user, benchmarks); turn it on wherever clients are not trusted. */
        @WithDefault("false")
        boolean enabled();

        @WithDefault("200")
        long capacity();

        @WithDefault("100")
        long refillTokens();

        @WithDefault("1s")
        Duration refillPeriod();

        /** Buckets of clients idle this long are forgotten (they would be full again anyway). */
        @WithDefault("10m")
        Duration idleExpiry();

        /** At most this many clients are tracked; beyond it the least recently seen are forgotten. */
        @WithDefault("100000")
        long maxClients();
    }
}
