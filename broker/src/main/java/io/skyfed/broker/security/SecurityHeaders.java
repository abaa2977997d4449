package io.skyfed.broker.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Security headers on every response of the broker, errors and rejections included (a Vert.x filter runs before
 * any route, so even a 401, 404 or 413 carries them). No API response may be framed, sniffed, leak its URL as a
 * referrer, or (on {@code /v1}, whose JSON can name tenants' resources) be stored by a cache.
 */
@ApplicationScoped
public class SecurityHeaders {

    /** Before authentication and routing, so every answer is covered. */
    private static final int PRIORITY = 1_000;

    private final String hsts;

    SecurityHeaders(HardeningConfig config) {
        this.hsts = config.hsts();
    }

    void register(@Observes Filters filters) {
        filters.register(this::addHeaders, PRIORITY);
    }

    private void addHeaders(RoutingContext context) {
        boolean tls = "https".equalsIgnoreCase(context.request().scheme());
        boolean v1 = context.normalizedPath().startsWith("/v1/") || context.normalizedPath().equals("/v1");
        context.addHeadersEndHandler(ignored -> {
            MultiMap headers = context.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            if (!headers.contains("Content-Security-Policy")) {
                headers.set("Content-Security-Policy", "frame-ancestors 'none'");
            }
            headers.set("Referrer-Policy", "no-referrer");
            if (v1) {
                headers.set("Cache-Control", "no-store");
            }
            if (tls && !hsts.isBlank()) {
                headers.set("Strict-Transport-Security", hsts);
            }
        });
        context.next();
    }
}
