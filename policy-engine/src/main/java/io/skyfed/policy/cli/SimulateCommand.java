package io.skyfed.policy.cli;

import io.skyfed.policy.PolicyEngine;
import io.skyfed.policy.io.Documents;
import io.skyfed.policy.model.Trace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Replays a policy over a trace of capacity snapshots and prints the what-if report as JSON. */
@Command(name = "simulate", description = "Replay a policy over a capacity trace; JSON report on stdout.")
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--policy", required = true, paramLabel = "P", description = "policy YAML file")
    Path policy;

    @Option(names = "--trace", required = true, paramLabel = "TRACE", description = "trace (JSON or YAML)")
    Path trace;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PolicyEngine engine = PolicyEngine.load(policy);
        Trace t = Documents.read(trace, Trace.class);
        spec.commandLine().getOut().println(Documents.json().writeValueAsString(engine.simulate(t)));
        return 0;
    }
}
