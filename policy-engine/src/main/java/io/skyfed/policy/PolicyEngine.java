package io.skyfed.policy;

import io.skyfed.policy.decision.Decisions;
import io.skyfed.policy.decision.SimulationReport;
import io.skyfed.policy.engine.CompiledPolicy;
import io.skyfed.policy.engine.DecisionSession;
import io.skyfed.policy.engine.PolicyEngines;
import io.skyfed.policy.io.Documents;
import io.skyfed.policy.model.Snapshot;
import io.skyfed.policy.model.Trace;
import io.skyfed.policy.plugin.PluginRegistry;
import java.nio.file.Path;

/**
 * Placement, burst and migration decisions from one compiled policy version. Load once, then decide as often as
 * needed: the engine is immutable and thread-safe; each {@link #decide} runs in its own session.
 *
 * <pre>{@code
 * PolicyEngine engine = PolicyEngine.load(Path.of("policy.yaml"));
 * Decisions decisions = engine.decide(snapshot);
 * }</pre>
 */
public final class PolicyEngine {

    private final CompiledPolicy policy;

    private PolicyEngine(CompiledPolicy policy) {
        this.policy = policy;
    }

    /** Loads and checks a policy file with the built-in plugins. */
    public static PolicyEngine load(Path policyFile) {
        return load(policyFile, PluginRegistry.builtIn());
    }

    /** Loads and checks a policy file; plugins are looked up in the registry. */
    public static PolicyEngine load(Path policyFile, PluginRegistry registry) {
        return parse(policyFile.toString(), Documents.readText(policyFile), registry);
    }

    /**
     * Checks and compiles policy text; {@code fileName} names it in errors.
     *
     * @throws InvalidDocumentException with every problem found, each with its line and column
     */
    public static PolicyEngine parse(String fileName, String yaml, PluginRegistry registry) {
        return new PolicyEngine(PolicyEngines.compile(fileName, yaml, registry));
    }

    public String name() {
        return policy.name();
    }

    public long version() {
        return policy.version();
    }

    /** One batch of decisions for every workload of the snapshot. */
    public Decisions decide(Snapshot snapshot) {
        return session().decide(snapshot);
    }

    /** A session that re-decides incrementally as sites change; see {@link DecisionSession}. */
    public DecisionSession session() {
        return PolicyEngines.session(policy);
    }

    /** Replays the policy over a trace of capacity snapshots: decisions, moves and cost. */
    public SimulationReport simulate(Trace trace) {
        return PolicyEngines.simulate(policy, trace);
    }
}
