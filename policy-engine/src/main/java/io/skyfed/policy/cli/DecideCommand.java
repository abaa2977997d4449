package io.skyfed.policy.cli;

import io.skyfed.policy.PolicyEngine;
import io.skyfed.policy.decision.Decisions;
import io.skyfed.policy.io.Documents;
import io.skyfed.policy.model.Snapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Decides every workload of a state snapshot and prints the decisions as JSON. */
@Command(name = "decide", description = "Decide every workload of a state snapshot; JSON decisions on stdout.")
final class DecideCommand implements Callable<Integer> {

    @Option(names = "--policy", required = true, paramLabel = "P", description = "policy YAML file")
    Path policy;

    @Option(names = "--state", required = true, paramLabel = "STATE", description = "state snapshot (JSON or YAML)")
    Path state;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PolicyEngine engine = PolicyEngine.load(policy);
        Snapshot snapshot = Documents.read(state, Snapshot.class);
        Decisions decisions = engine.decide(snapshot);
        spec.commandLine().getOut().println(Documents.json().writeValueAsString(decisions));
        return 0;
    }
}
