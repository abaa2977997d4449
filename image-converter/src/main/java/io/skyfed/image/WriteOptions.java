package io.skyfed.image;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Options for a writer, in qemu-img's vocabulary: {@code -o key=value,...} plus {@code -c}.
 * Writers must reject keys they do not know, so a typo is an error rather than a silent default.
 */
public record WriteOptions(Map<String, String> options, boolean compress, int threads) {

    public WriteOptions {
        options = Map.copyOf(options);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
    }

    public static WriteOptions defaults() {
        return new WriteOptions(Map.of(), false, Runtime.getRuntime().availableProcessors());
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(options.get(key));
    }

    /** Parses qemu-img's {@code -o} syntax: {@code a=1,b=two}; a doubled comma is a literal comma. */
    public static Map<String, String> parse(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i <= spec.length(); i++) {
            char c = i < spec.length() ? spec.charAt(i) : ',';
            if (c == ',' && i + 1 < spec.length() && spec.charAt(i + 1) == ',') {
                cur.append(',');
                i++;
            } else if (c == ',') {
                String item = cur.toString();
                cur.setLength(0);
                if (item.isEmpty()) {
                    continue;
                }
                int eq = item.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("option '" + item + "' is not key=value");
                }
                out.put(item.substring(0, eq), item.substring(eq + 1));
            } else {
                cur.append(c);
            }
        }
        return out;
    }
}
