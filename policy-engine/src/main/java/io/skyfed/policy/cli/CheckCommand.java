package io.skyfed.policy.cli;

import io.skyfed.policy.InvalidDocumentException;
import io.skyfed.policy.LocatedError;
import io.skyfed.policy.PolicyEngine;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Validates a policy: prints every error as file:line:column: message, one per line. */
@Command(name = "check", description = "Validate a policy; exit 1 with located errors, one per line.")
final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "POLICY", description = "policy YAML file")
    Path policy;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            PolicyEngine engine = PolicyEngine.load(policy);
            spec.commandLine().getOut().println(policy + ": ok (" + engine.name() + " version " + engine.version()
                    + ")");
            return 0;
        } catch (InvalidDocumentException e) {
            for (LocatedError error : e.errors()) {
                spec.commandLine().getErr().println(error);
            }
            return SkyfedPolicy.INVALID_INPUT;
        }
    }
}
