package io.skyfed.drivers.spi;

import java.util.List;
import java.util.Objects;

/**
 * One dimension of a hardware profile (cpu, memory in MB, storage in GB, architecture): a fixed value, a range
 * the client can pick from ({@code first..last}), or an enumeration. {@code value} is the default, as text
 * (numbers are decimal strings, so "1740.8" MB and "i386" are both representable).
 */
public record HardwareProperty(String name, Kind kind, String unit, String value, String first, String last,
                               List<String> values) {

    public enum Kind { FIXED, RANGE, ENUM }

    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";
    public static final String STORAGE = "storage";
    public static final String ARCHITECTURE = "architecture";

    public HardwareProperty {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(value, "value");
        values = List.copyOf(values == null ? List.of() : values);
        if (kind == Kind.RANGE && (first == null || last == null)) {
            throw new IllegalArgumentException(name + ": a range needs first and last");
        }
        if (kind == Kind.ENUM && !values.contains(value)) {
            throw new IllegalArgumentException(name + ": default " + value + " is not among " + values);
        }
    }

    public static HardwareProperty fixed(String name, String unit, String value) {
        return new HardwareProperty(name, Kind.FIXED, unit, value, null, null, List.of());
    }

    public static HardwareProperty range(String name, String unit, String first, String last, String defaultValue) {
        return new HardwareProperty(name, Kind.RANGE, unit, defaultValue, first, last, List.of());
    }

    public static HardwareProperty enumeration(String name, String unit, List<String> values, String defaultValue) {
        return new HardwareProperty(name, Kind.ENUM, unit, defaultValue, null, null, values);
    }

    /** Deltacloud's name for the create parameter that overrides this property, e.g. {@code hwp_memory}. */
    public String parameterName() {
        return "hwp_" + name;
    }

    /** Whether {@code candidate} is a value a client may ask for. */
    public boolean accepts(String candidate) {
        return switch (kind) {
            case FIXED -> sameValue(value, candidate);
            case ENUM -> values.stream().anyMatch(v -> sameValue(v, candidate));
            case RANGE -> inRange(candidate);
        };
    }

    private boolean inRange(String candidate) {
        try {
            double v = Double.parseDouble(candidate);
            return v >= Double.parseDouble(first) && v <= Double.parseDouble(last);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean sameValue(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        try {
            return Double.parseDouble(a) == Double.parseDouble(b);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
