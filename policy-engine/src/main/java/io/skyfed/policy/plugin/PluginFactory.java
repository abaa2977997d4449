package io.skyfed.policy.plugin;

/** Creates a plugin from its configuration; throw IllegalArgumentException for bad arguments. */
@FunctionalInterface
public interface PluginFactory {

    Plugin create(PluginConfig config);
}
