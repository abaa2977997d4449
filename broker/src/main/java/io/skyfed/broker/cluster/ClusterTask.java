package io.skyfed.broker.cluster;

import java.time.Instant;

/** One scheduled unit as the cluster sees it: when it runs next, who holds it, and how its last run went. */
public record ClusterTask(String name, Instant nextRunAt, String leaseOwner, Instant leaseExpiresAt,
                          Instant lastRunAt, String lastRunBy, String lastOutcome, String lastError, long runs) {
}
