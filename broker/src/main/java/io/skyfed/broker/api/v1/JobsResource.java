package io.skyfed.broker.api.v1;

import io.quarkus.vertx.VertxContextSupport;
import io.skyfed.broker.security.Caller;
import io.skyfed.broker.security.CallerContext;
import io.skyfed.broker.workflow.JobService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Durable jobs: list, detail with steps and progress, cancel, and a live event stream. */
@Path("/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs")
public class JobsResource {

    private static final Duration EVENT_POLL = Duration.ofMillis(500);

    private final JobService jobs;
    private final CallerContext callers;

    JobsResource(JobService jobs, CallerContext callers) {
        this.jobs = jobs;
        this.callers = callers;
    }

    @GET
    @Operation(summary = "List the tenant's jobs, oldest first; filter by workload")
    public Uni<Page<JobView>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                                   @QueryParam("workload") String workload) {
        PageRequest page = PageRequest.parse(limit, cursor);
        UUID filter = workload == null ? null : parseFilter(workload);
        return jobs.list(callers.current(), filter).map(all -> page.apply(all.stream().map(JobView::summary)
                .sorted(Comparator.comparing(JobsResource::pageKey)).toList(), JobsResource::pageKey));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get a job with its steps, progress, ETA, outcome and error")
    public Uni<JobView> get(@PathParam("id") String id) {
        return jobs.get(callers.current(), Ids.parse(id, "job")).map(JobView::of);
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel a job: it stops and removes everything it created (202); 409 once it cut over")
    public Uni<Response> cancel(@PathParam("id") String id) {
        Caller caller = callers.current();
        UUID job = Ids.parse(id, "job");
        return jobs.cancel(caller, job).flatMap(ignored -> jobs.get(caller, job))
                .map(detail -> Response.accepted(JobView.of(detail)).build());
    }

    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-sent events: the job each time it changes, ending with its terminal state")
    @Blocking
    public Multi<JobView> events(@PathParam("id") String id) {
        Caller caller = callers.current();
        UUID job = Ids.parse(id, "job");
        // Read once before the stream starts (on this worker thread), so unknown or foreign jobs answer 404.
        read(caller, job);
        AtomicReference<JobView> last = new AtomicReference<>();
        AtomicBoolean ended = new AtomicBoolean();
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(EVENT_POLL)
                // A read slower than the poll interval (a loaded database) must skip ticks, not fail the stream.
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> Uni.createFrom().item(() -> read(caller, job))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .select().first(view -> !ended.getAndSet(view.terminal()))
                .select().where(view -> !view.equals(last.getAndSet(view)));
    }

    /** Creation time (fixed-width, so it sorts as text) then id: a unique key in creation order. */
    private static String pageKey(JobView view) {
        return String.format("%019d%09d/%s", view.createdAt().getEpochSecond(), view.createdAt().getNano(), view.id());
    }

    private JobView read(Caller caller, UUID job) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> jobs.get(caller, job).map(JobView::of));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static UUID parseFilter(String workload) {
        try {
            return UUID.fromString(workload);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("workload", "must be a workload id (a UUID)");
        }
    }
}
