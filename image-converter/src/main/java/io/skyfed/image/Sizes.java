package io.skyfed.image;

import java.util.Locale;

/** qemu-img's size syntax: a number with an optional binary suffix (k, M, G, T, P, E; b or none = bytes). */
public final class Sizes {

    private Sizes() {
    }

    public static long parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty size");
        }
        char last = Character.toLowerCase(s.charAt(s.length() - 1));
        int shift = switch (last) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            case 'p' -> 50;
            case 'e' -> 60;
            default -> 0;
        };
        String digits = Character.isDigit(last) ? s : s.substring(0, s.length() - 1);
        long value;
        try {
            value = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad size '" + text + "'");
        }
        if (value < 0 || (shift > 0 && value > (Long.MAX_VALUE >> shift))) {
            throw new IllegalArgumentException("size '" + text + "' is out of range");
        }
        return value << shift;
    }

    /** "on"/"off" (and qemu's other spellings) as a boolean. */
    public static boolean parseSwitch(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "yes", "true" -> true;
            case "off", "no", "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be on or off, not '" + value + "'");
        };
    }
}
