package io.skyfed.policy.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a tenant's pending workloads may use public sites. */
public enum BurstMode {
    /** Only while a burst trigger is active (the default). */
    @JsonProperty("auto") AUTO,
    /** Public sites are always admissible. */
    @JsonProperty("always") ALWAYS,
    /** Public sites are never admissible. */
    @JsonProperty("never") NEVER;
}
