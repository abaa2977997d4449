package io.skyfed.policy.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A preference in CEL: {@code expr} gives a number (higher is better), normalised over the admissible sites. */
public record ScorerSpec(@JsonProperty(required = true) Name name, @JsonProperty(required = true) Expression expr,
        Double weight, String description) {
}
