package io.skyfed.broker.cluster;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;

/** Keeps the run log to a day: itself a cluster task, so one replica does it once an hour. */
@ApplicationScoped
public class RunLogPruning implements ClusterWork {

    static final String TASK = "cluster/prune-run-log";

    private final ClusterTaskStore store;

    RunLogPruning(ClusterTaskStore store) {
        this.store = store;
    }

    @Override
    public Uni<Map<String, Duration>> tasks() {
        return Uni.createFrom().item(Map.of(TASK, Duration.ofHours(1)));
    }

    @Override
    public boolean owns(String task) {
        return TASK.equals(task);
    }

    @Override
    public Uni<Map<String, Object>> run(String task, Map<String, Object> state) {
        return store.pruneRunLog().replaceWith(Map.of());
    }
}
