package io.skyfed.policy.cli;

import io.skyfed.policy.InvalidDocumentException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code skyfed-policy}: check policies, decide, simulate and benchmark from the command line. */
@Command(name = "skyfed-policy", mixinStandardHelpOptions = true, version = "skyfed-policy 0.1.0",
        description = "Placement, burst and migration decisions from CEL policies.",
        subcommands = {CheckCommand.class, DecideCommand.class, SimulateCommand.class, BenchCommand.class})
public final class SkyfedPolicy implements Runnable {

    /** Exit code when an input document (policy, state, trace) is invalid. */
    public static final int INVALID_INPUT = 1;
    /** Exit code for anything else that went wrong. */
    public static final int FAILURE = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the CLI with the given streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new SkyfedPolicy());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("skyfed-policy: " + ex.getMessage());
            return CommandLine.ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof InvalidDocumentException invalid) {
                int more = invalid.errors().size() - 1;
                err.println(invalid.errors().get(0) + (more > 0 ? " (and " + more + " more)" : ""));
                return INVALID_INPUT;
            }
            err.println("skyfed-policy: " + (ex.getMessage() == null ? ex.getClass().getSimpleName()
                    : ex.getMessage().lines().findFirst().orElse("")));
            return FAILURE;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: check, decide, "
                + "simulate or bench");
    }
}
