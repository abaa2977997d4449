package io.skyfed.policy.engine;

import io.skyfed.policy.decision.SimulationReport;
import io.skyfed.policy.model.Trace;
import io.skyfed.policy.plugin.PluginRegistry;

/** The engine package's entry points for {@link io.skyfed.policy.PolicyEngine}, keeping its internals private. */
public final class PolicyEngines {

    private PolicyEngines() {
    }

    public static CompiledPolicy compile(String file, String text, PluginRegistry registry) {
        return PolicyCompiler.compile(file, text, registry);
    }

    public static DecisionSession session(CompiledPolicy policy) {
        return new DecisionSession(policy);
    }

    public static SimulationReport simulate(CompiledPolicy policy, Trace trace) {
        return new Simulator(policy).run(trace);
    }
}
