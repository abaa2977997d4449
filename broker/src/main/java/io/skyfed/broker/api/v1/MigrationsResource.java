package io.skyfed.broker.api.v1;

import io.skyfed.broker.security.CallerContext;
import io.skyfed.broker.workflow.JobService;
import io.skyfed.broker.workflow.Migrations;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Requests a migration (cold or warm) or a burst; the work happens in a durable job. */
@Path("/v1/migrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Migrations")
public class MigrationsResource {

    private final Migrations migrations;
    private final JobService jobs;
    private final CallerContext callers;

    MigrationsResource(Migrations migrations, JobService jobs, CallerContext callers) {
        this.migrations = migrations;
        this.jobs = jobs;
        this.callers = callers;
    }

    @POST
    @Operation(summary = "Start a migration or burst: 202 with the job at Location; a dry run only records the plan")
    public Uni<Response> submit(MigrationBody body) {
        var caller = callers.current();
        return migrations.submit(caller, body.toRequest())
                .flatMap(id -> jobs.get(caller, id))
                .map(detail -> Response.accepted(JobView.of(detail))
                        .location(URI.create("/v1/jobs/" + detail.job().id)).build());
    }
}
