package io.skyfed.broker.api.deltacloud;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Matrix parameters ({@code ;name=value}) of raw, undecoded request paths. */
final class MatrixParams {

    private MatrixParams() {
    }

    /** The matrix parameters of every segment, later segments winning. */
    static Map<String, String> ofPath(String rawPath) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String segment : rawPath.split("/")) {
            addSegment(result, segment);
        }
        return result;
    }

    /** Like {@link #ofPath}, but yields nothing instead of failing on malformed encoding (for error responses). */
    static Map<String, String> ofPathLenient(String rawPath) {
        try {
            return ofPath(rawPath);
        } catch (DeltacloudException e) {
            return Map.of();
        }
    }

    static Map<String, String> ofLastSegment(String rawPath) {
        Map<String, String> result = new LinkedHashMap<>();
        int slash = rawPath.lastIndexOf('/');
        addSegment(result, rawPath.substring(slash + 1));
        return result;
    }

    private static void addSegment(Map<String, String> into, String segment) {
        int semicolon = segment.indexOf(';');
        if (semicolon < 0) {
            return;
        }
        for (String pair : segment.substring(semicolon + 1).split(";")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            into.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw DeltacloudException.badRequest(null, "malformed percent-encoding in '" + s + "'");
        }
    }
}
