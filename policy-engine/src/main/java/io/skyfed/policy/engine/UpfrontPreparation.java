package io.skyfed.policy.engine;

import io.skyfed.policy.model.Workload;
import io.skyfed.policy.plugin.CycleState;
import io.skyfed.policy.plugin.FilterPlugin;
import io.skyfed.policy.plugin.Plugin;
import io.skyfed.policy.plugin.ScorePlugin;
import io.skyfed.policy.plugin.SiteFilter;
import io.skyfed.policy.plugin.SiteScorer;
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

    private final Map<Plugin, Object[]> filters = new IdentityHashMap<>();
    private final Map<Plugin, Object[]> scorers = new IdentityHashMap<>();

    private UpfrontPreparation() {
    }

    static UpfrontPreparation run(List<Workload> order, CompiledPolicy policy, CycleState state) {
        Map<Plugin, List<Integer>> filterUsers = new IdentityHashMap<>();
        Map<Plugin, List<Integer>> scorerUsers = new IdentityHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            Profile p = policy.profileFor(order.get(i).tenant());
            for (FilterPlugin f : p.filters()) {
                if (f.snapshotOnly()) {
                    filterUsers.computeIfAbsent(f, k -> new ArrayList<>()).add(i);
                }
            }
            for (ScorePlugin s : p.scorers()) {
                if (s.snapshotOnly()) {
                    scorerUsers.computeIfAbsent(s, k -> new ArrayList<>()).add(i);
                }
            }
        }
        UpfrontPreparation out = new UpfrontPreparation();
        List<Task> tasks = new ArrayList<>();
        filterUsers.forEach((p, users) -> tasks.add(new Task(p, true, users)));
        scorerUsers.forEach((p, users) -> tasks.add(new Task(p, false, users)));
        // A plugin that filters and scores is prepared for both by one thread: its state is never shared.
        Map<Plugin, List<Task>> byPlugin = new IdentityHashMap<>();
        tasks.forEach(t -> byPlugin.computeIfAbsent(t.plugin, k -> new ArrayList<>()).add(t));
        List<List<Task>> groups = new ArrayList<>(byPlugin.values());
        List<List<Object[]>> results = groups.parallelStream().map(group -> group.stream().map(task -> {
            Object[] byWorkload = new Object[order.size()];
            Plugin plugin = task.plugin;
            boolean isFilter = task.filter;
            for (int i : task.users) {
                Workload w = order.get(i);
                byWorkload[i] = plugin instanceof FilterPlugin f && isFilter ? f.filter(w, state)
                        : ((ScorePlugin) plugin).score(w, state);
            }
            return byWorkload;
        }).toList()).toList();
        for (int g = 0; g < groups.size(); g++) {
            for (int t = 0; t < groups.get(g).size(); t++) {
                Task task = groups.get(g).get(t);
                (task.filter ? out.filters : out.scorers).put(task.plugin, results.get(g).get(t));
            }
        }
        return out;
    }

    private record Task(Plugin plugin, boolean filter, List<Integer> users) {
    }

    /** The filter as prepared up front for the workload at this batch position, or null if it was not. */
    SiteFilter filter(FilterPlugin plugin, int position) {
        Object[] byWorkload = filters.get(plugin);
        return byWorkload == null ? null : (SiteFilter) byWorkload[position];
    }

    /** The scorer as prepared up front for the workload at this batch position, or null if it was not. */
    SiteScorer scorer(ScorePlugin plugin, int position) {
        Object[] byWorkload = scorers.get(plugin);
        return byWorkload == null ? null : (SiteScorer) byWorkload[position];
    }
}
