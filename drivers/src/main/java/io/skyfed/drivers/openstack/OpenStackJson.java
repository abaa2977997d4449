package io.skyfed.drivers.openstack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Reading the optional fields of OpenStack's JSON answers: absent and null mean the same. */
final class OpenStackJson {

    private OpenStackJson() {
    }

    static String text(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    /**
     * The first item of a list answer ({@code items}: "volumes", "snapshots") whose metadata holds this request token
     * ({@link OpenStackSession#REQUEST_TOKEN}): what an earlier attempt of a create made.
     */
    static java.util.Optional<JsonObject> withRequestToken(JsonObject answer, String items, String token) {
        for (JsonElement item : answer.getAsJsonArray(items)) {
            JsonObject o = item.getAsJsonObject();
            if (o.has("metadata") && o.get("metadata").isJsonObject()
                    && token.equals(text(o.getAsJsonObject("metadata"), OpenStackSession.REQUEST_TOKEN))) {
                return java.util.Optional.of(o);
            }
        }
        return java.util.Optional.empty();
    }

    static long number(JsonObject o, String name, long fallback) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? fallback : e.getAsLong();
    }

    /** OpenStack's timestamps, with or without a zone (Cinder writes local ISO times that mean UTC). */
    static Instant instant(JsonObject o, String name) {
        String value = text(o, name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (RuntimeException withoutZone) {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        }
    }
}
