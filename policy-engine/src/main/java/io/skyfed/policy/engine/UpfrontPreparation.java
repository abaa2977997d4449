package io.skyfed.policy.engine;

import io.skyfed.policy.model.Workload;
import io.skyfed.policy.plugin.CycleState;
import io.skyfed.policy.plugin.FilterPlugin;
import io.skyfed.policy.plugin.Plugin;
import io.skyfed.policy.plugin.ScorePlugin;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prepares every snapshot-only plugin (CEL rules, residency, cost, the burst gate) for every workload before the
 * sequential pass, spreading plugins over the cores: each plugin is prepared by one thread, for all workloads in
 * batch order, so its memo tables are never shared between threads. The sequential pass then only prepares the
 * plugins that read the batch's own commits.
 */
final class UpfrontPreparation {

    private final Map<Plugin, Object[]> prepared = new IdentityHashMap<>();

    private UpfrontPreparation() {
    }

    static UpfrontPreparation run(List<Workload> order, CompiledPolicy policy, CycleState state) {
        Map<Plugin, List<Integer>> users = new IdentityHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            Profile p = policy.profileFor(order.get(i).tenant());
            for (FilterPlugin f : p.filters()) {
                if (f.snapshotOnly()) {
                    users.computeIfAbsent(f, k -> new ArrayList<>()).add(i);
                }
            }
            for (ScorePlugin s : p.scorers()) {
                if (s.snapshotOnly()) {
                    users.computeIfAbsent(s, k -> new ArrayList<>()).add(i);
                }
            }
        }
        UpfrontPreparation out = new UpfrontPreparation();
        List<Map.Entry<Plugin, List<Integer>>> tasks = new ArrayList<>(users.entrySet());
        List<Object[]> results = tasks.parallelStream().map(task -> {
            Object[] byWorkload = new Object[order.size()];
            Plugin plugin = task.getKey();
            for (int i : task.getValue()) {
                Workload w = order.get(i);
                byWorkload[i] = plugin instanceof FilterPlugin f ? f.prepare(w, state)
                        : ((ScorePlugin) plugin).prepare(w, state);
            }
            return byWorkload;
        }).toList();
        for (int t = 0; t < tasks.size(); t++) {
            out.prepared.put(tasks.get(t).getKey(), results.get(t));
        }
        return out;
    }

    /** The plugin as prepared up front for the workload at this batch position, or null if it was not. */
    Object get(Plugin plugin, int position) {
        Object[] byWorkload = prepared.get(plugin);
        return byWorkload == null ? null : byWorkload[position];
    }
}
