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
