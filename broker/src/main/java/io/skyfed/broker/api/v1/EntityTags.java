package io.skyfed.broker.api.v1;

import java.util.OptionalLong;

/**
 * Entity tags of versioned resources: the row version, quoted. Clients send one back in If-Match so that a PUT or
 * DELETE based on a stale read fails (412) instead of silently overwriting someone else's change.
 */
final class EntityTags {

    private EntityTags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The version an If-Match header requires; empty when there is none or it is {@code *} (any version). */
    static OptionalLong ifMatch(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return OptionalLong.empty();
        }
        String tag = header.trim();
        if (tag.startsWith("W/")) {
            // Weak tags never satisfy If-Match (RFC 9110, strong comparison).
            throw ProblemException.invalid("If-Match", "must be a strong entity tag as returned in ETag");
        }
        if (tag.length() < 3 || !tag.startsWith("\"") || !tag.endsWith("\"") || tag.indexOf(',') >= 0) {
            throw ProblemException.invalid("If-Match", "must be one entity tag as returned in ETag, e.g. \"3\"");
        }
        try {
            return OptionalLong.of(Long.parseLong(tag.substring(1, tag.length() - 1)));
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("If-Match", "is not an entity tag of this resource");
        }
    }
}
