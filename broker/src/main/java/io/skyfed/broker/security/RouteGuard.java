package io.skyfed.broker.security;

import io.quarkus.security.AuthenticationFailedException;
import io.skyfed.broker.api.ApiPaths;
import io.skyfed.drivers.spi.Credentials;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Runs before every resource method of both APIs: refuses a route {@link RoutePolicy} does not know (in every
 * mode, so a forgotten route fails closed), and with security on authenticates the caller (a bearer token, or on
 * {@code /api} an API credential in HTTP Basic), checks its roles against the route and hands it to
 * {@link CallerContext}.
 */
public class RouteGuard {

    private final Map<Method, Optional<RoutePolicy.Access>> accessByMethod = new ConcurrentHashMap<>();

    /** Looked up per request: filters are built before runtime configuration exists. */
    @Inject
    Provider<SecurityConfig> config;
    @Inject
    CallerContext callers;
    @Inject
    CurrentIdentityAssociation identities;
    @Inject
    ApiCredentials credentials;
    @Inject
    AuditTrail audit;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Void> guard(ResourceInfo resource, HttpServerRequest request) {
        Optional<RoutePolicy.Access> access = accessByMethod.computeIfAbsent(resource.getResourceMethod(),
                method -> Route.of(resource.getResourceClass(), method).flatMap(RoutePolicy::of));
        return check(access, request).onFailure(AccessDenied.class).call(e -> audit.record(request.method().name(),
                Route.of(resource.getResourceClass(), resource.getResourceMethod()), request.path(),
                ((AccessDenied) e).status(), request.getHeader("X-Request-Id")));
    }

    private Uni<Void> check(Optional<RoutePolicy.Access> access, HttpServerRequest request) {
        if (access.isEmpty()) {
            return Uni.createFrom().failure(AccessDenied.forbidden("this route has no access policy"));
        }
        if (!config.get().enabled() || access.get().open()) {
            return Uni.createFrom().voidItem();
        }
        return authenticate(request).invoke(caller -> {
            // Known before the verdict, so a refused call is audited with who made it.
            callers.authenticated(caller);
            if (!access.get().allows(caller)) {
                throw AccessDenied.forbidden("the caller's roles " + caller.roles() + " do not allow this route");
            }
        }).replaceWithVoid();
    }

    private Uni<Caller> authenticate(HttpServerRequest request) {
        Optional<Credentials> basic = BasicAuthorization.parse(request.getHeader("Authorization"));
        if (basic.isPresent() && ApiPaths.isDeltacloud(request.path())) {
            return credentials.verify(basic.get().user(), basic.get().secret()).map(caller -> caller.orElseThrow(() ->
                    AccessDenied.unauthenticated("unknown, revoked or wrong API credential")));
        }
        return identities.getDeferredIdentity()
                .onFailure(AuthenticationFailedException.class).transform(e ->
                        AccessDenied.unauthenticated("the bearer token is invalid or expired"))
                .map(this::caller);
    }

    private Caller caller(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            throw AccessDenied.unauthenticated("a bearer token is required");
        }
        return CallerContext.fromIdentity(identity, config.get().tenantClaim());
    }

}
