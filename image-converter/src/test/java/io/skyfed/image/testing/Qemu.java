package io.skyfed.image.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs qemu-img / qemu-io, the reference implementation, from tests (never from product code). */
public final class Qemu {

    private Qemu() {
    }

    /** Runs a command and returns its exit code; stdout and stderr are returned through {@link Result}. */
    public static Result run(Path dir, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Runs a command that must succeed. */
    public static String ok(Path dir, String... command) throws IOException, InterruptedException {
        Result r = run(dir, command);
        if (r.exit() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + r.exit() + "): " + r.output());
        }
        return r.output();
    }

    /** qemu-io with several -c commands. */
    public static void io(Path dir, String format, Path file, String... commands) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("qemu-io", "-f", format));
        for (String c : commands) {
            cmd.add("-c");
            cmd.add(c);
        }
        cmd.add(file.toString());
        ok(dir, cmd.toArray(String[]::new));
    }

    public record Result(int exit, String output) {
    }
}
