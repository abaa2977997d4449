package io.skyfed.policy.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** Enables a registered plugin by name, with its score weight and plugin-specific arguments. */
public record PluginSpec(@JsonProperty(required = true) Name name, Double weight, Map<String, Object> args) {
}
