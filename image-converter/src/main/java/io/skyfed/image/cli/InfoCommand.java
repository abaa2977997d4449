package io.skyfed.image.cli;

import io.skyfed.image.DiskImage;
import io.skyfed.image.FormatRegistry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "info", description = "Show the format, virtual size and format details of an image.")
final class InfoCommand implements Callable<Integer> {

    @Option(names = "-f", paramLabel = "FMT", description = "Input format; detected from the content when absent.")
    String format;

    @Option(names = "--output", paramLabel = "human|json", defaultValue = "human")
    String output;

    @Mixin
    ImageOptions images;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws Exception {
        if (!output.equals("human") && !output.equals("json")) {
            throw new IllegalArgumentException("--output must be human or json");
        }
        try (DiskImage image = images.open(FormatRegistry.load(), file, format)) {
            Map<String, Object> details = image.details();
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("virtual-size", image.virtualSize());
            info.put("filename", file.toString());
            if (details.get("cluster-size") instanceof Number cs) {
                info.put("cluster-size", cs);
            }
            info.put("format", image.format());
            info.put("actual-size", image.actualSize());
            info.put("dirty-flag", Boolean.TRUE.equals(details.get("dirty")));
            if (!details.isEmpty()) {
                info.put("format-specific", Map.of("type", image.format(), "data", details));
            }
            System.out.println(output.equals("json") ? Json.render(info) : human(info, details));
        }
        return ExitCodes.OK;
    }

    private static String human(Map<String, Object> info, Map<String, Object> details) {
        StringBuilder b = new StringBuilder();
        b.append("image: ").append(info.get("filename")).append('\n');
        b.append("file format: ").append(info.get("format")).append('\n');
        b.append("virtual size: ").append(size((Long) info.get("virtual-size")))
                .append(" (").append(info.get("virtual-size")).append(" bytes)\n");
        b.append("disk size: ").append(size((Long) info.get("actual-size"))).append('\n');
        if (info.containsKey("cluster-size")) {
            b.append("cluster_size: ").append(info.get("cluster-size")).append('\n');
        }
        if (!details.isEmpty()) {
            b.append("Format specific information:\n");
            details.forEach((k, v) -> b.append("    ").append(k).append(": ").append(v).append('\n'));
        }
        return b.toString().stripTrailing();
    }

    static String size(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format("%.3g %s", v, units[u]);
    }
}
