package io.skyfed.policy.plugin;

/**
 * A unit of placement logic, in the shape of the Kubernetes scheduler framework: a plugin implements
 * {@link FilterPlugin}, {@link ScorePlugin} or both, and is created by name from a {@link PluginRegistry}.
 */
public interface Plugin {

    /** The name decisions use to explain themselves (rejections, score breakdown). */
    String name();

    /**
     * True if {@code filter} / {@code score} read only the snapshot (sites, tenants, the workload, whether bursting is on), never
     * what the batch has committed. The engine then prepares the plugin for every workload before the batch
     * starts, in parallel with other such plugins; it must then be safe to prepare from another thread than the
     * one deciding (each plugin is still prepared by one thread at a time).
     */
    default boolean snapshotOnly() {
        return false;
    }
}
