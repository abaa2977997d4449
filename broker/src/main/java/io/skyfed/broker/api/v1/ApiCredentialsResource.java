package io.skyfed.broker.api.v1;

import io.skyfed.broker.security.ApiCredentials;
import io.skyfed.broker.security.CallerContext;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** API credentials (HTTP Basic on /api) that an admin issues to a tenant's Deltacloud clients. */
@Path("/v1/api-credentials")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "API credentials")
public class ApiCredentialsResource {

    private final ApiCredentials credentials;
    private final CallerContext callers;

    ApiCredentialsResource(ApiCredentials credentials, CallerContext callers) {
        this.credentials = credentials;
        this.callers = callers;
    }

    @POST
    @Operation(summary = "Issue a credential: 201 with its key id and secret, the only time the secret is shown")
    public Uni<Response> issue(ApiCredentialRequest request, @Context UriInfo uri) {
        return credentials.issue(callers.current().subject(), request.tenant(), Set.copyOf(request.roles()),
                        request.description())
                .map(issued -> Response.created(uri.getAbsolutePathBuilder().path(issued.keyId()).build())
                        .entity(issued).build());
    }

    @GET
    @Operation(summary = "List credentials by key id, without secrets; filter by tenant")
    public Uni<Page<ApiCredentials.Summary>> list(@QueryParam("limit") String limit,
                                                  @QueryParam("cursor") String cursor,
                                                  @QueryParam("tenant") String tenant) {
        PageRequest page = PageRequest.parse(limit, cursor);
        return credentials.list(tenant).map(all -> page.apply(all, ApiCredentials.Summary::keyId));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a credential (204); other replicas stop accepting it within the cache TTL")
    public Uni<Response> revoke(@PathParam("id") String id) {
        return credentials.revoke(callers.current().subject(), id).map(revoked -> {
            if (!revoked) {
                throw new ProblemException(ProblemType.NOT_FOUND, "no live API credential " + id, List.of());
            }
            return Response.noContent().build();
        });
    }
}
