package io.skyfed.broker.api.v1;

import io.skyfed.broker.security.CallerContext;
import io.skyfed.broker.workflow.WorkloadService;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Managed workloads of the caller's tenant. */
@Path("/v1/workloads")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Workloads")
public class WorkloadsResource {

    private final WorkloadService workloads;
    private final CallerContext callers;

    WorkloadsResource(WorkloadService workloads, CallerContext callers) {
        this.workloads = workloads;
        this.callers = callers;
    }

    @POST
    @Operation(summary = "Define a workload, or register one already running (provider and instanceId)")
    public Uni<Response> create(WorkloadRequest request, @Context UriInfo uri) {
        return workloads.define(callers.current(), request.toDefinition())
                .flatMap(created -> workloads.providerNames().map(names -> Response
                        .created(uri.getAbsolutePathBuilder().path(created.id.toString()).build())
                        .entity(WorkloadView.of(created, names)).build()));
    }

    @GET
    @Operation(summary = "List the tenant's workloads, by id")
    public Uni<Page<WorkloadView>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.parse(limit, cursor);
        return workloads.list(callers.current()).flatMap(all -> workloads.providerNames().map(names -> page.apply(
                all.stream().map(w -> WorkloadView.of(w, names)).toList(), w -> w.id().toString())));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get one workload")
    public Uni<WorkloadView> get(@PathParam("id") String id) {
        return workloads.visible(callers.current(), Ids.parse(id, "workload"))
                .flatMap(w -> workloads.providerNames().map(names -> WorkloadView.of(w, names)));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Stop managing a workload (its instances keep running); refused while a job acts on it")
    public Uni<Response> delete(@PathParam("id") String id) {
        return workloads.delete(callers.current(), Ids.parse(id, "workload"))
                .replaceWith(Response.noContent().build());
    }
}
