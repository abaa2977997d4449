package io.skyfed.broker.security;

import io.skyfed.broker.persistence.AuditOutcome;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Records every mutating call of both APIs, refused ones included, in one place: who (subject and tenant), what
 * (the route and the path), when, and how it ended (SUCCESS, DENIED for 401/403, FAILURE otherwise, with the
 * status). The services add their own domain events (a workload created, a job cancelled) next to these.
 */
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Inject
    Pool pool;
    @Inject
    CallerContext callers;

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response,
                            ResourceInfo resource) {
        if (resource.getResourceMethod() == null) {
            return Uni.createFrom().voidItem();
        }
        return record(request.getMethod(), Route.of(resource.getResourceClass(), resource.getResourceMethod()),
                request.getUriInfo().getPath(), response.getStatus(), request.getHeaderString("X-Request-Id"));
    }

    /**
     * Records one call if it is a mutating one. The route guard calls this for the calls it refuses: response
     * filters do not run for a request a request filter ended.
     */
    Uni<Void> record(String method, Optional<Route> route, String path, int status, String requestId) {
        if (!MUTATING.contains(method)) {
            return Uni.createFrom().voidItem();
        }
        String action = route.map(Route::toString).orElse(method + " " + path);
        AuditOutcome outcome = status == 401 || status == 403 ? AuditOutcome.DENIED
                : status < 400 ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE;
        Optional<Caller> caller = callers.known();
        JsonObject details = new JsonObject().put("status", status)
                .put("roles", caller.map(c -> String.join(",", new TreeSet<>(c.roles()))).orElse(""));
        // The caller's tenant gets its row on first mention, as TenantDirectory does for the services.
        return pool.preparedQuery("with t as (insert into tenant (id, name, display_name)"
                        + " select gen_random_uuid(), $2, $2 where $2::text is not null"
                        + " on conflict (name) do update set name = excluded.name returning id)"
                        + " insert into audit_event (actor, tenant_id, action, target_type, target_id,"
                        + " outcome, explanation, details, request_id)"
                        + " values ($1, (select id from t), $3, 'http', $4, $5, $6, $7, $8)")
                .execute(Tuple.tuple().addString(caller.map(Caller::subject).orElse("unauthenticated"))
                        .addString(caller.map(Caller::tenant).orElse(null)).addString(action).addString(path)
                        .addString(outcome.name())
                        .addString(outcome == AuditOutcome.SUCCESS ? null : "HTTP " + status)
                        .addJsonObject(details).addString(requestId))
                .onFailure().invoke(e -> LOG.errorf(e, "could not audit %s %s", action, path))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
