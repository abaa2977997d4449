package io.skyfed.policy.decision;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What to do with a workload. */
public enum Action {
    /** Start a pending workload on an on-premise site. */
    @JsonProperty("place") PLACE,
    /** Start a pending workload on a public site (a burst trigger is active, or the tenant always bursts). */
    @JsonProperty("burst") BURST,
    /** Move a running workload to another site. */
    @JsonProperty("migrate") MIGRATE,
    /** Leave a running workload where it is. */
    @JsonProperty("stay") STAY,
    /** No site admits a pending workload. */
    @JsonProperty("reject") REJECT;
}
