package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.InvalidArgumentException;

import java.util.regex.Pattern;

/** Name rules for what clients create in the mock: names that become ids must be safe in a URL path segment. */
final class MockNames {

    private static final Pattern ID_SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

    private MockNames() {
    }

    /** Returns {@code name} if it can serve as an id, else fails naming {@code parameter}. */
    static String idSafe(String parameter, String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidArgumentException(parameter, parameter + " is required");
        }
        if (!ID_SAFE.matcher(name).matches()) {
            throw new InvalidArgumentException(parameter, "'" + name + "' is not a valid " + parameter
                    + ": use up to 255 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }
}
