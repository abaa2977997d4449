package io.skyfed.broker.api.deltacloud;

import io.vertx.core.MultiMap;
import jakarta.ws.rs.core.Response;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** User metadata travels as {@code X-Deltacloud-Blobmeta-<Name>: value} headers; names are kept lower-case. */
final class BlobMetadataHeaders {

    static final String PREFIX = "X-Deltacloud-Blobmeta-";
    private static final int MAX_ENTRIES = 64;
    private static final int MAX_VALUE_LENGTH = 2048;

    private BlobMetadataHeaders() {
    }

    static Map<String, String> read(MultiMap headers) {
        Map<String, String> metadata = new TreeMap<>();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey();
            if (name.length() > PREFIX.length() && name.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                put(metadata, name.substring(PREFIX.length()), header.getValue());
            }
        }
        return metadata;
    }

    /** Adds one entry, refusing what no object store would keep. */
    static void put(Map<String, String> metadata, String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        if (!key.matches("[a-z0-9][a-z0-9_-]{0,127}")) {
            throw DeltacloudException.badRequest(PREFIX + name, "metadata names are letters, digits, '-' and '_'");
        }
        if (value == null || value.length() > MAX_VALUE_LENGTH) {
            throw DeltacloudException.badRequest(PREFIX + name, "metadata values are at most " + MAX_VALUE_LENGTH + " characters");
        }
        metadata.put(key, value);
        if (metadata.size() > MAX_ENTRIES) {
            throw DeltacloudException.badRequest(PREFIX + name, "at most " + MAX_ENTRIES + " metadata entries");
        }
    }

    static Response.ResponseBuilder write(Response.ResponseBuilder builder, Map<String, String> metadata) {
        metadata.forEach((key, value) -> builder.header(PREFIX + Character.toUpperCase(key.charAt(0)) + key.substring(1), value));
        return builder;
    }
}
