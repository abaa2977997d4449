package io.skyfed.policy.bench;

import io.skyfed.policy.PolicyEngine;
import io.skyfed.policy.decision.Decisions;
import io.skyfed.policy.engine.DecisionSession;
import io.skyfed.policy.model.Resources;
import io.skyfed.policy.model.Site;
import io.skyfed.policy.model.Snapshot;
import io.skyfed.policy.plugin.PluginRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One batch of decisions over the synthetic fleet (the same one {@code skyfed-policy bench} uses). Divide the
 * workload count by the time per operation for decisions per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class DecideBenchmark {

    @Param({"10000"})
    int workloads;

    @Param({"1000"})
    int sites;

    @Param({"20"})
    int rules;

    private PolicyEngine engine;
    private Snapshot snapshot;
    private DecisionSession session;
    private Site original;
    private Site grown;
    private boolean flip;

    @Setup(Level.Trial)
    public void setUp() {
        engine = PolicyEngine.parse("synthetic.yaml", SyntheticFleet.policy(rules), PluginRegistry.builtIn());
        snapshot = SyntheticFleet.snapshot(workloads, sites, 42);
        session = engine.session();
        session.decide(snapshot);
        original = snapshot.sites().get(0);
        grown = original.withCapacity(original.capacity().plus(new Resources(64, 65536, 1000, 0)));
    }

    /** A fresh session: every CEL rule result computed anew, as a one-off {@code engine.decide(snapshot)}. */
    @Benchmark
    public Decisions coldBatch() {
        return engine.decide(snapshot);
    }

    /** A session kept across snapshots, as a broker deciding again and again: rule results are reused. */
    @Benchmark
    public Decisions warmSession() {
        return session.decide(snapshot);
    }

    /** One site's capacity changes: the whole batch is decided again, re-evaluating rules only for that site. */
    @Benchmark
    public Decisions siteCapacityChange() {
        flip = !flip;
        return session.updateSite(flip ? grown : original);
    }
}
