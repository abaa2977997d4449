package io.skyfed.image.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** qemu-img queries for the format tests; processes are run by {@link io.skyfed.image.testing.Qemu}. */
public final class Qemu {

    private Qemu() {
    }

    /** Runs qemu-img with {@code args}, fails the test on a non-zero exit, returns its output. */
    public static String img(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("qemu-img");
        cmd.addAll(List.of(args));
        return io.skyfed.image.testing.Qemu.ok(Path.of("."), cmd.toArray(String[]::new));
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

    public record Info(String format, long virtualSize, String json) {
    }
}
