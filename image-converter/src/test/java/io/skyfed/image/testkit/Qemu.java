package io.skyfed.image.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** qemu-img, the reference implementation, run at test time only. */
public final class Qemu {

    private Qemu() {
    }

    /** Runs qemu-img with {@code args}, fails the test on a non-zero exit, returns stdout. */
    public static String img(String... args) throws IOException, InterruptedException {
        Result r = run(args);
        assertThat(r.exit).as("qemu-img %s failed: %s", String.join(" ", args), r.output).isZero();
        return r.output;
    }

    public static Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("qemu-img");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("qemu-img " + args[0] + " timed out");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** What qemu-img info says about the format and virtual size of {@code file} read as {@code format}. */
    public static Info info(Path file, String format) throws IOException, InterruptedException {
        String json = img("info", "--output=json", "-f", format, file.toString());
        return new Info(field(json, "format"), Long.parseLong(field(json, "virtual-size")), json);
    }

    private static String field(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\\s*\"?([^\",\\n]+)\"?").matcher(json);
        assertThat(m.find()).as("%s in %s", key, json).isTrue();
        return m.group(1).trim();
    }

    public record Result(int exit, String output) {
    }

    public record Info(String format, long virtualSize, String json) {
    }
}
