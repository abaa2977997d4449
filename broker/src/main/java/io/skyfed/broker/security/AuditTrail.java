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
        if (!MUTATING.contains(request.getMethod()) || resource.getResourceMethod() == null) {
            return Uni.createFrom().voidItem();
        }
        String route = Route.of(resource.getResourceClass(), resource.getResourceMethod()).map(Route::toString)
                .orElse(request.getMethod() + " " + request.getUriInfo().getPath());
        int status = response.getStatus();
        AuditOutcome outcome = status == 401 || status == 403 ? AuditOutcome.DENIED
                : status < 400 ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE;
        Optional<Caller> caller = callers.known();
        String path = request.getUriInfo().getPath();
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
                        .addString(caller.map(Caller::tenant).orElse(null)).addString(route).addString(path)
                        .addString(outcome.name())
                        .addString(outcome == AuditOutcome.SUCCESS ? null : "HTTP " + status)
                        .addJsonObject(details).addString(request.getHeaderString("X-Request-Id")))
                .onFailure().invoke(e -> LOG.errorf(e, "could not audit %s %s", route, path))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
