package io.skyfed.policy.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A hard constraint in CEL: a site is admissible for a workload only if {@code expr} is true. */
public record FilterSpec(@JsonProperty(required = true) Name name, @JsonProperty(required = true) Expression expr,
        String description) {
}
