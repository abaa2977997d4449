package io.skyfed.broker.security;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Security headers, request-size limits and per-client rate limits of both APIs. See docs/configuration.md. */
@ConfigMapping(prefix = "skyfed.http")
public interface HardeningConfig {

    /** Strict-Transport-Security, sent only on requests that arrived over TLS (directly or per X-Forwarded-Proto). */
    @WithDefault("max-age=31536000; includeSubDomains")
    String hsts();

    RateLimit rateLimit();

    Limits limits();

    /**
     * Request sizes answered with an error body (431, 414). The HTTP layer's own caps
     * ({@code quarkus.http.limits.max-header-size}, {@code max-initial-line-length}) must sit above these: past
     * them it answers with a bare status.
     */
    interface Limits {

        /** All header lines together; a Keycloak bearer token is 1-3 KiB. */
        @WithDefault("16K")
        MemorySize maxHeaderSize();

        /** Method, URL and protocol version. */
        @WithDefault("4096")
        int maxRequestLine();
    }

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
