package io.skyfed.broker.cluster;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Map;

/**
 * A family of scheduled tasks that must run once per interval across all replicas. The scheduler asks for the
 * tasks that should exist now (by name) and runs a claimed one on exactly one replica.
 */
public interface ClusterWork {

    /** The tasks of this family that should exist now, each with its interval. Names are unique across families. */
    Uni<Map<String, Duration>> tasks();

    /** Whether {@code task} belongs to this family (also for tasks no longer listed, so they can be removed). */
    boolean owns(String task);

    /** Runs one claimed task; {@code state} is what its previous run left, the result what the next run gets. */
    Uni<Map<String, Object>> run(String task, Map<String, Object> state);
}
