package io.skyfed.drivers.spi.support;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** IPv4 and IPv6 CIDR syntax, checked without any name look-up. */
public final class Cidr {

    private Cidr() {
    }

    public static boolean valid(String cidr) {
        if (cidr == null) {
            return false;
        }
        int slash = cidr.indexOf('/');
        if (slash < 0 || !cidr.substring(slash + 1).matches("\\d{1,3}")) {
            return false;
        }
        String address = cidr.substring(0, slash);
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        if (address.matches("(\\d{1,3}\\.){3}\\d{1,3}")) {
            for (String octet : address.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
            return prefix <= 32;
        }
        if (!address.matches("[0-9a-fA-F:.]+") || !address.contains(":")) {
            return false;
        }
        try {
            // A literal with ':' is parsed, never resolved.
            InetAddress.getByName(address);
            return prefix <= 128;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
