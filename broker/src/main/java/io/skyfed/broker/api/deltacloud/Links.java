package io.skyfed.broker.api.deltacloud;

import java.nio.charset.StandardCharsets;

/** Absolute URLs of the API's resources, from the API's own base URL (e.g. {@code http://host:3001/api}). */
record Links(String api) {

    String root() {
        return api;
    }

    String collection(String collection) {
        return api + "/" + collection;
    }

    String member(String collection, String id) {
        return api + "/" + collection + "/" + segment(id);
    }

    String action(String collection, String id, String action) {
        return member(collection, id) + "/" + action;
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters, so any id is one path segment. */
    static String segment(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = null;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean unreserved = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '-' || b == '.' || b == '_' || b == '~';
            if (out == null && !unreserved) {
                out = new StringBuilder(bytes.length + 16).append(value, 0, i); // the bytes so far were ASCII
            }
            if (out != null) {
                if (unreserved) {
                    out.append((char) b);
                } else {
                    out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
                }
            }
        }
        return out == null ? value : out.toString();
    }
}
