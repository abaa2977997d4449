package io.skyfed.image.formatkit;

import io.skyfed.image.WriteOptions;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Reads a writer's {@code -o} options in qemu-img's vocabulary and rejects any key the writer did not ask about. */
public final class OptionReader {

    private final String format;
    private final WriteOptions options;
    private final Set<String> known = new HashSet<>();

    public OptionReader(String format, WriteOptions options) {
        this.format = format;
        this.options = options;
    }

    public String string(String key, String fallback) {
        known.add(key);
        return options.get(key).orElse(fallback);
    }

    /** One of {@code allowed}, case as given. */
    public String choice(String key, String fallback, String... allowed) {
        String value = string(key, fallback);
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw new IllegalArgumentException(format + ": " + key + "=" + value + " is not one of "
                + String.join(", ", allowed));
    }

    /** on/off, as qemu spells booleans (also yes/no, true/false). */
    public boolean flag(String key, boolean fallback) {
        String value = string(key, null);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "yes", "true" -> true;
            case "off", "no", "false" -> false;
            default -> throw new IllegalArgumentException(format + ": " + key + "=" + value + " is not on or off");
        };
    }

    /** A byte size with qemu's suffixes (k, M, G, T; powers of 1024); {@code fallback} when absent. */
    public long size(String key, long fallback) {
        String value = string(key, null);
        if (value == null) {
            return fallback;
        }
        try {
            return parseSize(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(format + ": " + key + "=" + value + " is not a size");
        }
    }

    public static long parseSize(String value) {
        String v = value.trim();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("empty size");
        }
        char last = Character.toLowerCase(v.charAt(v.length() - 1));
        int shift = switch (last) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            case 'b' -> 0;
            default -> -1;
        };
        String digits = shift >= 0 ? v.substring(0, v.length() - 1) : v;
        long n = Long.parseLong(digits);
        if (n < 0 || (shift > 0 && n > (Long.MAX_VALUE >> shift))) {
            throw new IllegalArgumentException("size out of range");
        }
        return n << Math.max(shift, 0);
    }

    /** Call after reading every option: a key nobody asked about is a typo, not a silent default. */
    public void rejectUnknown() {
        for (String key : options.options().keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(format + " does not know the option '" + key + "' (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }
}
