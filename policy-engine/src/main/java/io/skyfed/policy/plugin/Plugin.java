package io.skyfed.policy.plugin;

/**
 * A unit of placement logic, in the shape of the Kubernetes scheduler framework: a plugin implements
 * {@link FilterPlugin}, {@link ScorePlugin} or both, and is created by name from a {@link PluginRegistry}.
 */
public interface Plugin {

    /** The name decisions use to explain themselves (rejections, score breakdown). */
    String name();
}
