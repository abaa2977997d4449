package io.skyfed.image.cli;

import io.skyfed.image.ImageFormatException;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code skyfed-image}: qemu-img's info, check, convert and compare, in pure Java. */
@Command(name = "skyfed-image", mixinStandardHelpOptions = true, version = "skyfed-image 0.1",
        description = "Inspect, check, convert and compare VM disk images (qemu-img compatible syntax).",
        subcommands = {InfoCommand.class, CheckCommand.class, ConvertCommand.class, CompareCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests and embedding). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler((e, a) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("skyfed-image: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            err.println("skyfed-image: " + message(e));
            err.flush();
            return exitCode(e);
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (info, check, convert, compare)");
    }

    static int exitCode(Throwable e) {
        if (e instanceof ImageFormatException || e instanceof EOFException) {
            return ExitCodes.BAD_IMAGE;
        }
        if (e instanceof IOException) {
            return ExitCodes.IO_ERROR;
        }
        if (e instanceof IllegalArgumentException || e instanceof UnsupportedOperationException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.INTERNAL;
    }

    static String message(Throwable e) {
        String m = e.getMessage() == null ? "" : e.getMessage().replace('\n', ' ');
        if (e instanceof NoSuchFileException) {
            return m + ": no such file";
        }
        if (e instanceof AccessDeniedException) {
            return m + ": permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return m + ": already exists";
        }
        if (exitCode(e) == ExitCodes.INTERNAL) {
            StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
            return "internal error: " + e.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m)
                    + (at == null ? "" : " at " + at);
        }
        return m.isEmpty() ? e.getClass().getSimpleName() : m;
    }
}
