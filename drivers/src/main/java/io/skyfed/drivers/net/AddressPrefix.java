package io.skyfed.drivers.net;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** IPv4 and IPv6 address prefixes in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}), checked offline. */
public final class AddressPrefix {

    private static final Pattern V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
    private static final Pattern V6 = Pattern.compile("([0-9a-fA-F:]*:[0-9a-fA-F:.]*)/(\\d{1,3})");

    private AddressPrefix() {
    }

    public static boolean isValid(String text) {
        if (text == null) {
            return false;
        }
        Matcher v4 = V4.matcher(text);
        if (v4.matches()) {
            for (int group = 1; group <= 4; group++) {
                if (Integer.parseInt(v4.group(group)) > 255) {
                    return false;
                }
            }
            return Integer.parseInt(v4.group(5)) <= 32;
        }
        Matcher v6 = V6.matcher(text);
        return v6.matches() && Integer.parseInt(v6.group(2)) <= 128 && isIpv6Literal(v6.group(1));
    }

    /** Eight groups of up to four hex digits, or fewer with one {@code ::}; a dotted IPv4 tail counts as two. */
    private static boolean isIpv6Literal(String address) {
        int compressions = address.split("::", -1).length - 1;
        if (compressions > 1) {
            return false;
        }
        String body = address.replace("::", ":x:");
        if (body.startsWith(":") && !body.startsWith(":x") || body.endsWith(":") && !body.endsWith("x:")) {
            return false;
        }
        int groups = 0;
        String[] parts = body.split(":");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.equals("x")) {
                continue;
            }
            if (i == parts.length - 1 && part.contains(".")) {
                if (!V4.matcher(part + "/32").matches() || !isValid(part + "/32")) {
                    return false;
                }
                groups += 2;
            } else if (part.matches("[0-9a-fA-F]{1,4}")) {
                groups++;
            } else {
                return false;
            }
        }
        return compressions == 1 ? groups < 8 : groups == 8;
    }
}
