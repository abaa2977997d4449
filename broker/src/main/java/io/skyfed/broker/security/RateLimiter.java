package io.skyfed.broker.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.skyfed.broker.api.v1.Problem;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A token bucket per client on both APIs ({@code /api}, {@code /v1}; operations endpoints under {@code /q} are not
 * limited, probes must always answer). The client is the authenticated caller (an OIDC subject or an API
 * credential), else (security off) the remote address. An empty bucket answers 429 with Retry-After and a problem body.
 *
 * <p>Buckets are bucket4j's (lock-free, exact refill arithmetic); Caffeine holds them so that idle clients are
 * forgotten and a flood of addresses cannot grow memory without bound.
 */
@ApplicationScoped
public class RateLimiter {

    static final String PROBLEM_TYPE = "urn:skyfed:problem:too-many-requests";

    private final HardeningConfig.RateLimit config;
    private final CallerContext callers;
    private final Cache<String, Bucket> buckets;

    RateLimiter(HardeningConfig config, CallerContext callers) {
        this.config = config.rateLimit();
        this.callers = callers;
        this.buckets = Caffeine.newBuilder().expireAfterAccess(this.config.idleExpiry())
                .maximumSize(this.config.maxClients()).build();
    }

    /**
     * Right after the route guard has authenticated the caller, before the body is read. Requests the guard refuses
     * are not counted: credentials are Keycloak's to protect from guessing (brute-force detection), and API
     * credential secrets are 256-bit random.
     */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 1)
    public Response limit(HttpServerRequest http) {
        if (!config.enabled()) {
            return null;
        }
        ConsumptionProbe probe = buckets.get(clientKey(http), key -> newBucket())
                .tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return null;
        }
        long retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        Problem problem = new Problem(PROBLEM_TYPE, "Too many requests", 429,
                "this client exceeded " + config.capacity() + " requests at once or " + config.refillTokens()
                        + " per " + config.refillPeriod() + "; retry after " + retryAfter + " s", List.of());
        return Response.status(429).header("Retry-After", Long.toString(retryAfter)).type(Problem.MEDIA_TYPE)
                .entity(problem).build();
    }

    private String clientKey(HttpServerRequest http) {
        // No caller (an open route with security on) or the embedded one: only the address tells clients apart.
        Caller caller = callers.known().orElse(Caller.EMBEDDED);
        if (caller != Caller.EMBEDDED) {
            return "caller:" + caller.subject();
        }
        SocketAddress remote = http.remoteAddress();
        return "address:" + (remote == null ? "unknown" : remote.hostAddress());
    }

    private Bucket newBucket() {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(config.capacity())
                .refillGreedy(config.refillTokens(), config.refillPeriod()).build()).build();
    }
}
