package io.skyfed.policy.plugin;

import java.util.Map;

/** What a policy says about one plugin instance: its name and its arguments. */
public record PluginConfig(String name, Map<String, Object> args) {

    public PluginConfig {
        args = args == null ? Map.of() : Map.copyOf(args);
    }

    /** A numeric argument, or the default when absent; anything but a number is a configuration error. */
    public double number(String key, double defaultValue) {
        Object v = args.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("argument '" + key + "' must be a number");
    }
}
