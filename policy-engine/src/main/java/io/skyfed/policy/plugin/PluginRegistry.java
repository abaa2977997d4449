package io.skyfed.policy.plugin;

import io.skyfed.policy.plugin.builtin.AffinityPlugin;
import io.skyfed.policy.plugin.builtin.AntiAffinityPlugin;
import io.skyfed.policy.plugin.builtin.CapacityFitPlugin;
import io.skyfed.policy.plugin.builtin.CostPlugin;
import io.skyfed.policy.plugin.builtin.ResidencyPlugin;
import io.skyfed.policy.plugin.builtin.SpreadPlugin;
import io.skyfed.policy.plugin.builtin.TenantQuotaPlugin;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Plugin factories by name. Immutable: {@link #with} returns a new registry. */
public final class PluginRegistry {

    private final Map<String, PluginFactory> factories;

    private PluginRegistry(Map<String, PluginFactory> factories) {
        this.factories = Collections.unmodifiableMap(new TreeMap<>(factories));
    }

    /** The built-in plugins: capacity-fit, residency, tenant-quota, affinity, anti-affinity, spread, cost. */
    public static PluginRegistry builtIn() {
        return new PluginRegistry(Map.of(
                CapacityFitPlugin.NAME, c -> new CapacityFitPlugin(),
                ResidencyPlugin.NAME, c -> new ResidencyPlugin(),
                TenantQuotaPlugin.NAME, c -> new TenantQuotaPlugin(),
                AffinityPlugin.NAME, c -> new AffinityPlugin(),
                AntiAffinityPlugin.NAME, c -> new AntiAffinityPlugin(),
                SpreadPlugin.NAME, c -> new SpreadPlugin(),
                CostPlugin.NAME, CostPlugin::new));
    }

    public PluginRegistry with(String name, PluginFactory factory) {
        if (factories.containsKey(name)) {
            throw new IllegalArgumentException("a plugin named '" + name + "' is already registered");
        }
        Map<String, PluginFactory> copy = new TreeMap<>(factories);
        copy.put(name, factory);
        return new PluginRegistry(copy);
    }

    public Optional<PluginFactory> find(String name) {
        return Optional.ofNullable(factories.get(name));
    }

    public Set<String> names() {
        return factories.keySet();
    }
}
