package io.skyfed.policy.cli;

import io.skyfed.policy.PolicyEngine;
import io.skyfed.policy.bench.SyntheticFleet;
import io.skyfed.policy.decision.Action;
import io.skyfed.policy.decision.Decisions;
import io.skyfed.policy.engine.DecisionSession;
import io.skyfed.policy.model.Snapshot;
import io.skyfed.policy.plugin.PluginRegistry;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Decides a synthetic fleet repeatedly and prints decisions per second and per-decision latency percentiles.
 * By default each round is a fresh session (cold memo tables: every CEL rule result computed anew); with
 * {@code --session} the rounds share one session, as a broker deciding snapshot after snapshot would.
 */
@Command(name = "bench", description = "Benchmark on a synthetic fleet: decisions/s and latency percentiles.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--workloads", defaultValue = "10000", description = "workloads (default ${DEFAULT-VALUE})")
    int workloads;

    @Option(names = "--sites", defaultValue = "1000", description = "sites (default ${DEFAULT-VALUE})")
    int sites;

    @Option(names = "--rules", defaultValue = "20", description = "CEL rules (default ${DEFAULT-VALUE})")
    int rules;

    @Option(names = "--rounds", defaultValue = "5", description = "measured rounds (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--warmup", defaultValue = "2", description = "warm-up rounds (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--session", description = "keep one decision session across rounds (warm memo tables, as a "
            + "broker deciding snapshot after snapshot); default: a fresh session per round")
    boolean warmSession;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (workloads < 1 || sites < 1 || rules < 0 || rounds < 1 || warmup < 0 || workloads > 10_000_000
                || sites > 100_000 || rules > 60) {
            throw new ParameterException(spec.commandLine(), "need 1 <= workloads <= 10000000, "
                    + "1 <= sites <= 100000, 0 <= rules <= 60, rounds >= 1, warmup >= 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        PolicyEngine engine = PolicyEngine.parse("synthetic-policy.yaml", SyntheticFleet.policy(rules),
                PluginRegistry.builtIn());
        Snapshot snapshot = SyntheticFleet.snapshot(workloads, sites, seed);
        long[] latencies = new long[workloads * rounds];
        int[] next = {0};
        out.printf(Locale.ROOT, "fleet: %d workloads, %d sites, %d CEL rules, %d cores%n", workloads, sites, rules,
                Runtime.getRuntime().availableProcessors());
        DecisionSession shared = engine.session().observeLatency(n -> latencies[next[0]++] = n);
        for (int i = 0; i < warmup; i++) {
            (warmSession ? shared : engine.session()).decide(snapshot);
            next[0] = 0;
        }
        long totalNanos = 0;
        long totalCpuNanos = 0;
        Decisions last = null;
        for (int r = 0; r < rounds; r++) {
            DecisionSession session = warmSession ? shared
                    : engine.session().observeLatency(n -> latencies[next[0]++] = n);
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            last = session.decide(snapshot);
            long elapsed = System.nanoTime() - start;
            totalCpuNanos += processCpuNanos() - cpuStart;
            totalNanos += elapsed;
            out.printf(Locale.ROOT, "round %d: %.0f decisions/s (%.1f ms, %d CEL evaluations)%n", r + 1,
                    workloads * 1e9 / elapsed, elapsed / 1e6, session.celEvaluations());
        }
        Arrays.sort(latencies, 0, next[0]);
        out.printf(Locale.ROOT, "cpu: %.0f decisions per CPU-second (process CPU time, all threads and GC; "
                + "load average %.1f)%n", (double) workloads * rounds * 1e9 / totalCpuNanos,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.printf(Locale.ROOT, "throughput: %.0f decisions/s over %d rounds%n",
                (double) workloads * rounds * 1e9 / totalNanos, rounds);
        out.printf(Locale.ROOT, "latency per decision (sequential pass): p50 %s  p90 %s  p99 %s  max %s%n",
                micros(latencies, next[0], 0.50), micros(latencies, next[0], 0.90),
                micros(latencies, next[0], 0.99), micros(latencies, next[0], 1.0));
        out.printf(Locale.ROOT, "last round: place %d, burst %d, migrate %d, stay %d, reject %d%n",
                last.count(Action.PLACE), last.count(Action.BURST), last.count(Action.MIGRATE),
                last.count(Action.STAY), last.count(Action.REJECT));
        return 0;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String micros(long[] sorted, int n, double q) {
        int i = Math.min(n - 1, (int) Math.ceil(q * n) - 1);
        return String.format(Locale.ROOT, "%.1fus", sorted[Math.max(0, i)] / 1e3);
    }
}
