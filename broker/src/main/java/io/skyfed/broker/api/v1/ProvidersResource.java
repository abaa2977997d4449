package io.skyfed.broker.api.v1;

import io.skyfed.broker.federation.InventoryService;
import io.skyfed.broker.federation.ProviderHealthChecker;
import io.skyfed.broker.federation.ProviderRegistry;
import io.skyfed.broker.federation.ProviderSpec;
import io.skyfed.broker.security.CallerContext;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The provider registry: accounts/endpoints/regions of the installed drivers. */
@Path("/v1/providers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Providers")
public class ProvidersResource {

    private final ProviderRegistry registry;
    private final ProviderHealthChecker health;
    private final InventoryService inventory;
    private final CallerContext callers;

    ProvidersResource(ProviderRegistry registry, ProviderHealthChecker health, InventoryService inventory,
                      CallerContext callers) {
        this.callers = callers;
        this.registry = registry;
        this.health = health;
        this.inventory = inventory;
    }

    @GET
    @Operation(summary = "List providers, by name")
    public Uni<Page<ProviderView>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                                        @QueryParam("driver") String driver) {
        PageRequest page = PageRequest.parse(limit, cursor);
        return registry.list().map(all -> page.apply(all.stream()
                .filter(p -> driver == null || driver.equals(p.driver))
                .map(ProviderView::of)
                .sorted(Comparator.comparing(ProviderView::name))
                .toList(), ProviderView::name));
    }

    @GET
    @Path("{name}")
    @Operation(summary = "Get one provider")
    public Uni<ProviderView> get(@PathParam("name") String name) {
        return registry.get(name).map(ProviderView::of);
    }

    @POST
    @Operation(summary = "Create a provider; its credentials are stored sealed and never returned")
    public Uni<Response> create(ProviderRequest request, @Context UriInfo uri) {
        if (request.name() == null) {
            throw ProblemException.invalid("name", "is required");
        }
        String actor = callers.current().subject();
        return audited(registry.create(request.toSpec(request.name()), actor), actor, "provider.create",
                request.name())
                .map(created -> Response.created(uri.getAbsolutePathBuilder().path(created.name).build())
                        .entity(ProviderView.of(created)).build());
    }

    @PUT
    @Path("{name}")
    @Operation(summary = "Replace a provider's settings; credentials, when omitted, are kept")
    public Uni<ProviderView> update(@PathParam("name") String name, ProviderRequest request) {
        if (request.name() != null && !request.name().equals(name)) {
            throw ProblemException.invalid("name", "does not match the provider in the path; names cannot change");
        }
        String actor = callers.current().subject();
        return audited(registry.update(name, request.toSpec(name), actor), actor, "provider.update", name)
                .call(updated -> inventory.forget(name))
                .map(ProviderView::of);
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete a provider defined through the API, with its sealed credentials")
    public Uni<Response> delete(@PathParam("name") String name) {
        String actor = callers.current().subject();
        return audited(registry.delete(name, actor), actor, "provider.delete", name)
                .call(deleted -> inventory.forget(name))
                .replaceWith(Response.noContent().build());
    }

    @GET
    @Path("{name}/health")
    @Operation(summary = "Check the connection to a provider now (open a session, list realms) and record it")
    public Uni<ProviderHealthView> health(@PathParam("name") String name) {
        return health.check(name).map(ProviderHealthView::of);
    }

    @POST
    @Path("test-connection")
    @Operation(summary = "Check settings and credentials before creating a provider; nothing is stored")
    public Uni<ProviderHealthView> testConnection(ProviderRequest request) {
        String name = request.name() == null ? "connection-test" : request.name();
        ProviderSpec spec = request.toSpec(name);
        return health.test(name, spec.driver(), spec.settings(), spec.credentials()).map(ProviderHealthView::of);
    }

    /** Failed changes are audited too, after their own transaction rolled back. */
    private <T> Uni<T> audited(Uni<T> change, String actor, String action, String name) {
        return change.onFailure().call(failure -> registry.auditFailure(actor, action, name, failure)
                .onFailure().recoverWithNull());
    }
}
