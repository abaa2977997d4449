package io.skyfed.policy.engine;

import io.skyfed.policy.InvalidDocumentException;
import io.skyfed.policy.LocatedError;
import io.skyfed.policy.cel.CelFilterPlugin;
import io.skyfed.policy.cel.CelScorePlugin;
import io.skyfed.policy.cel.RuleCompiler;
import io.skyfed.policy.cel.RuleCompiler.ResultKind;
import io.skyfed.policy.cel.RuleEnvironment;
import io.skyfed.policy.io.Documents;
import io.skyfed.policy.plugin.FilterPlugin;
import io.skyfed.policy.plugin.Plugin;
import io.skyfed.policy.plugin.PluginConfig;
import io.skyfed.policy.plugin.PluginRegistry;
import io.skyfed.policy.plugin.ScorePlugin;
import io.skyfed.policy.plugin.builtin.AffinityPlugin;
import io.skyfed.policy.plugin.builtin.AntiAffinityPlugin;
import io.skyfed.policy.plugin.builtin.CapacityFitPlugin;
import io.skyfed.policy.plugin.builtin.CostPlugin;
import io.skyfed.policy.plugin.builtin.ResidencyPlugin;
import io.skyfed.policy.plugin.builtin.SpreadPlugin;
import io.skyfed.policy.plugin.builtin.TenantQuotaPlugin;
import io.skyfed.policy.spec.BurstMode;
import io.skyfed.policy.spec.BurstTriggerSpec;
import io.skyfed.policy.spec.FilterSpec;
import io.skyfed.policy.spec.MigrationSpec;
import io.skyfed.policy.spec.Name;
import io.skyfed.policy.spec.PluginSpec;
import io.skyfed.policy.spec.PolicySpec;
import io.skyfed.policy.spec.ScorerSpec;
import io.skyfed.policy.spec.SourceLocation;
import io.skyfed.policy.spec.TenantOverrideSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns a policy document into a {@link CompiledPolicy}, or reports every problem with its file position. */
public final class PolicyCompiler {

    /** Plugins a tenant override may not switch off: they protect capacity, law and isolation. */
    static final Set<String> PROTECTED = Set.of(BurstGatePlugin.NAME, CapacityFitPlugin.NAME, ResidencyPlugin.NAME,
            TenantQuotaPlugin.NAME, AntiAffinityPlugin.NAME);

    /** Filters run first, cheapest first; one bit each in a rejection mask. */
    static final int MAX_FILTERS = 64;

    private static final List<PluginSpec> DEFAULT_PLUGINS = List.of(
            plugin(ResidencyPlugin.NAME), plugin(TenantQuotaPlugin.NAME), plugin(AffinityPlugin.NAME),
            plugin(AntiAffinityPlugin.NAME), plugin(SpreadPlugin.NAME), plugin(CostPlugin.NAME));

    private final String file;
    private final PluginRegistry registry;
    private final List<LocatedError> errors = new ArrayList<>();
    private RuleCompiler rules;

    private PolicyCompiler(String file, PluginRegistry registry) {
        this.file = file;
        this.registry = registry;
    }

    private static PluginSpec plugin(String name) {
        return new PluginSpec(new Name(name, SourceLocation.UNKNOWN), null, null);
    }

    public static CompiledPolicy compile(String file, String text, PluginRegistry registry) {
        PolicySpec spec = Documents.parse(file, text, PolicySpec.class);
        return new PolicyCompiler(file, registry).compile(spec, text);
    }

    private CompiledPolicy compile(PolicySpec spec, String text) {
        long maxCost = spec.limits().maxRuleCostOrDefault();
        if (maxCost <= 0) {
            error(spec.name().at(), "limits.maxRuleCost must be positive");
        }
        rules = new RuleCompiler(file, text, maxCost, errors);
        if (spec.version() < 0) {
            error(spec.name().at(), "version must not be negative");
        }

        Set<String> names = new HashSet<>();
        List<FilterPlugin> filters = new ArrayList<>();
        Map<String, ScorePlugin> scorers = new LinkedHashMap<>();
        Map<String, Double> weights = new LinkedHashMap<>();
        filters.add(new CapacityFitPlugin());
        names.add(CapacityFitPlugin.NAME);
        names.add(BurstGatePlugin.NAME);
        for (PluginSpec p : spec.plugins() == null ? DEFAULT_PLUGINS : spec.plugins()) {
            addPlugin(p, names, filters, scorers, weights);
        }
        for (FilterSpec f : spec.filters()) {
            addFilter(f, names, filters);
        }
        for (ScorerSpec s : spec.scorers()) {
            addScorer(s, names, scorers, weights);
        }

        Duration minDwell = orZero(spec.stability().minDwell());
        Profile global = profile(filters, scorers, weights, BurstMode.AUTO, minDwell, spec.name().at());
        Map<String, Profile> tenants = new TreeMap<>();
        spec.tenants().forEach((tenant, override) -> tenants.put(tenant,
                tenantProfile(tenant, override, names, filters, scorers, weights, minDwell, spec.name().at())));

        List<BurstTrigger> triggers = new ArrayList<>();
        for (BurstTriggerSpec t : spec.burst().triggers() == null ? List.<BurstTriggerSpec>of()
                : spec.burst().triggers()) {
            trigger(t, names).ifPresent(triggers::add);
        }
        List<MigrationRule> migrations = new ArrayList<>();
        for (MigrationSpec m : spec.migrations()) {
            migration(m, names).ifPresent(migrations::add);
        }
        if (!errors.isEmpty()) {
            throw new InvalidDocumentException(errors);
        }
        return new CompiledPolicy(spec.name().value(), spec.version(), global, Map.copyOf(tenants),
                List.copyOf(triggers), orZero(spec.burst().hysteresis()), List.copyOf(migrations),
                orZero(spec.stability().hysteresis()));
    }

    private void addPlugin(PluginSpec p, Set<String> names, List<FilterPlugin> filters,
            Map<String, ScorePlugin> scorers, Map<String, Double> weights) {
        String name = p.name().value();
        if (name.equals(CapacityFitPlugin.NAME)) {
            return; // always on
        }
        if (!names.add(name)) {
            error(p.name().at(), "plugin '" + name + "' is enabled twice");
            return;
        }
        var factory = registry.find(name);
        if (factory.isEmpty()) {
            error(p.name().at(), "unknown plugin '" + name + "' (registered: " + String.join(", ", registry.names())
                    + ")");
            return;
        }
        Plugin plugin;
        try {
            plugin = factory.get().create(new PluginConfig(name, p.args()));
        } catch (IllegalArgumentException e) {
            error(p.name().at(), "plugin '" + name + "': " + e.getMessage());
            return;
        }
        if (!(plugin instanceof FilterPlugin) && !(plugin instanceof ScorePlugin)) {
            error(p.name().at(), "plugin '" + name + "' is neither a filter nor a scorer");
        }
        if (plugin instanceof FilterPlugin f) {
            filters.add(f);
        }
        if (plugin instanceof ScorePlugin s) {
            scorers.put(name, s);
            weights.put(name, weight(p.weight(), p.name()));
        } else if (p.weight() != null) {
            error(p.name().at(), "plugin '" + name + "' is a filter: a weight means nothing for it");
        }
    }

    private void addFilter(FilterSpec f, Set<String> names, List<FilterPlugin> filters) {
        if (unique(f.name(), names)) {
            rules.compile(f.name().value(), f.expr(), RuleEnvironment.PLACEMENT, ResultKind.BOOL)
                    .ifPresent(r -> filters.add(new CelFilterPlugin(r)));
        }
    }

    private void addScorer(ScorerSpec s, Set<String> names, Map<String, ScorePlugin> scorers,
            Map<String, Double> weights) {
        if (unique(s.name(), names)) {
            double w = weight(s.weight(), s.name());
            rules.compile(s.name().value(), s.expr(), RuleEnvironment.PLACEMENT, ResultKind.NUMBER)
                    .ifPresent(r -> {
                        scorers.put(s.name().value(), new CelScorePlugin(r));
                        weights.put(s.name().value(), w);
                    });
        }
    }

    private Profile tenantProfile(String tenant, TenantOverrideSpec o, Set<String> globalNames,
            List<FilterPlugin> globalFilters, Map<String, ScorePlugin> globalScorers,
            Map<String, Double> globalWeights, Duration globalDwell, SourceLocation policyAt) {
        List<FilterPlugin> filters = new ArrayList<>(globalFilters);
        Map<String, ScorePlugin> scorers = new LinkedHashMap<>(globalScorers);
        Map<String, Double> weights = new LinkedHashMap<>(globalWeights);
        for (Name disabled : o.disable() == null ? List.<Name>of() : o.disable()) {
            String name = disabled.value();
            if (PROTECTED.contains(name)) {
                error(disabled.at(), "tenant '" + tenant + "': '" + name + "' is protected and cannot be disabled");
            } else if (!globalNames.contains(name)) {
                error(disabled.at(), "tenant '" + tenant + "': cannot disable '" + name
                        + "': no such plugin or rule in this policy");
            } else {
                filters.removeIf(f -> f.name().equals(name));
                scorers.remove(name);
                weights.remove(name);
            }
        }
        Set<String> names = new HashSet<>(globalNames);
        for (FilterSpec f : o.filters() == null ? List.<FilterSpec>of() : o.filters()) {
            addFilter(f, names, filters);
        }
        for (ScorerSpec s : o.scorers() == null ? List.<ScorerSpec>of() : o.scorers()) {
            addScorer(s, names, scorers, weights);
        }
        if (o.weights() != null) {
            o.weights().forEach((name, w) -> {
                if (!scorers.containsKey(name)) {
                    error(policyAt, "tenant '" + tenant + "': weights names '" + name
                            + "', which is not a scorer of this policy");
                } else if (w == null || !(w >= 0) || !Double.isFinite(w)) {
                    error(policyAt, "tenant '" + tenant + "': weight of '" + name + "' must be a number >= 0");
                } else {
                    weights.put(name, w);
                }
            });
        }
        BurstMode burst = o.burst() == null ? BurstMode.AUTO : o.burst();
        Duration dwell = o.minDwell() == null ? globalDwell : o.minDwell();
        return profile(filters, scorers, weights, burst, dwell, policyAt);
    }

    private Profile profile(List<FilterPlugin> filters, Map<String, ScorePlugin> scorers, Map<String, Double> weights,
            BurstMode burst, Duration minDwell, SourceLocation at) {
        List<FilterPlugin> ordered = new ArrayList<>();
        ordered.add(new BurstGatePlugin(burst));
        ordered.addAll(filters);
        if (ordered.size() > MAX_FILTERS) {
            error(at, "at most " + MAX_FILTERS + " filters (plugins and rules) per tenant, found " + ordered.size());
        }
        List<ScorePlugin> s = List.copyOf(scorers.values());
        double[] w = s.stream().mapToDouble(p -> weights.get(p.name())).toArray();
        return new Profile(List.copyOf(ordered), s, w, burst, minDwell);
    }

    private java.util.Optional<BurstTrigger> trigger(BurstTriggerSpec t, Set<String> names) {
        if (!unique(t.name(), names)) {
            return java.util.Optional.empty();
        }
        int given = (t.utilisationAbove() != null ? 1 : 0) + (t.pendingAbove() != null ? 1 : 0)
                + (t.when() != null ? 1 : 0);
        if (given != 1) {
            error(t.name().at(), "burst trigger '" + t.name() + "' needs exactly one of utilisationAbove, "
                    + "pendingAbove, when");
            return java.util.Optional.empty();
        }
        Duration hold = orZero(t.holdFor());
        if (t.utilisationAbove() != null) {
            return java.util.Optional.of(new BurstTrigger(t.name().value(), BurstTrigger.Kind.UTILISATION,
                    t.utilisationAbove(), null, hold));
        }
        if (t.pendingAbove() != null) {
            if (t.pendingAbove() < 0) {
                error(t.name().at(), "burst trigger '" + t.name() + "': pendingAbove must not be negative");
            }
            return java.util.Optional.of(new BurstTrigger(t.name().value(), BurstTrigger.Kind.PENDING,
                    t.pendingAbove(), null, hold));
        }
        return rules.compile(t.name().value(), t.when(), RuleEnvironment.TRIGGER, ResultKind.BOOL)
                .map(r -> new BurstTrigger(t.name().value(), BurstTrigger.Kind.WHEN, 0, r, hold));
    }

    private java.util.Optional<MigrationRule> migration(MigrationSpec m, Set<String> names) {
        if (!unique(m.name(), names)) {
            return java.util.Optional.empty();
        }
        int given = (m.repatriate() != null ? 1 : 0) + (m.cheaperBy() != null ? 1 : 0) + (m.when() != null ? 1 : 0);
        if (given != 1) {
            error(m.name().at(), "migration '" + m.name() + "' needs exactly one of repatriate, cheaperBy, when");
            return java.util.Optional.empty();
        }
        Duration hold = orZero(m.holdFor());
        if (m.repatriate() != null) {
            if (!m.repatriate()) {
                error(m.name().at(), "migration '" + m.name() + "': repatriate: false means nothing; remove the rule");
            }
            return java.util.Optional.of(new MigrationRule(m.name().value(), MigrationRule.Kind.REPATRIATE, 0, null,
                    hold));
        }
        if (m.cheaperBy() != null) {
            if (m.cheaperBy() <= 0) {
                error(m.name().at(), "migration '" + m.name() + "': cheaperBy must be above 0%");
            }
            return java.util.Optional.of(new MigrationRule(m.name().value(), MigrationRule.Kind.CHEAPER,
                    m.cheaperBy(), null, hold));
        }
        return rules.compile(m.name().value(), m.when(), RuleEnvironment.MIGRATION, ResultKind.BOOL)
                .map(r -> new MigrationRule(m.name().value(), MigrationRule.Kind.WHEN, 0, r, hold));
    }

    private boolean unique(Name name, Set<String> names) {
        if (!names.add(name.value())) {
            error(name.at(), "the name '" + name + "' is used twice (plugins, rules, triggers and migrations "
                    + "share one namespace)");
            return false;
        }
        return true;
    }

    private double weight(Double weight, Name name) {
        if (weight == null) {
            return 1;
        }
        if (!(weight >= 0) || !Double.isFinite(weight)) {
            error(name.at(), "'" + name + "': weight must be a number >= 0");
            return 0;
        }
        return weight;
    }

    private static Duration orZero(Duration d) {
        return d == null ? Duration.ZERO : d;
    }

    private static double orZero(Double d) {
        return d == null ? 0 : d;
    }

    private void error(SourceLocation at, String message) {
        errors.add(new LocatedError(file, at.line(), at.column(), message));
    }
}
