package io.skyfed.broker.api.v1;

import io.skyfed.broker.cluster.ClusterTask;
import io.skyfed.broker.cluster.ClusterTaskStore;
import io.skyfed.broker.cluster.Replica;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The scheduled work the replicas share: which replica answers, and who ran each task last. */
@Path("/v1/cluster")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cluster")
public class ClusterResource {

    /** What GET /v1/cluster answers. */
    @Schema(name = "Cluster")
    public record ClusterView(@Schema(description = "The replica that answered") String replica,
                              List<ClusterTask> tasks) {
    }

    private final ClusterTaskStore tasks;
    private final Replica replica;

    ClusterResource(ClusterTaskStore tasks, Replica replica) {
        this.tasks = tasks;
        this.replica = replica;
    }

    @GET
    @Operation(summary = "Scheduled tasks shared by the replicas: next run, lease holder, last run, by which replica")
    public Uni<ClusterView> get() {
        return tasks.list().map(all -> new ClusterView(replica.name(), all));
    }
}
