package io.skyfed.drivers.vsphere;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Reading vCenter's JSON answers. Unreadable JSON is caught inside the guarded call; an answer that parses but
 * lacks what the API reference promises is reported here, as a provider failure rather than a bug of ours.
 */
final class VsphereJson {

    private VsphereJson() {
    }

    static JsonArray array(JsonElement e) {
        if (e == null || !e.isJsonArray()) {
            throw unreadable("a list");
        }
        return e.getAsJsonArray();
    }

    static JsonObject object(JsonElement e) {
        if (e == null || !e.isJsonObject()) {
            throw unreadable("an object");
        }
        return e.getAsJsonObject();
    }

    static String string(JsonElement e, String field) {
        String value = optionalString(e, field);
        if (value == null) {
            throw unreadable("field " + field);
        }
        return value;
    }

    static String optionalString(JsonElement e, String field) {
        JsonElement value = object(e).get(field);
        return value == null || value.isJsonNull() || !value.isJsonPrimitive() ? null : value.getAsString();
    }

    static long number(JsonElement e, String field) {
        JsonElement value = object(e).get(field);
        if (value == null || value.isJsonNull()) {
            return 0;
        }
        try {
            return value.getAsLong();
        } catch (RuntimeException notANumber) {
            throw unreadable("a number in " + field);
        }
    }

    /** A boolean field; false when absent. */
    static boolean flag(JsonElement e, String field) {
        JsonElement value = object(e).get(field);
        return value != null && value.isJsonPrimitive() && value.getAsBoolean();
    }

    /** A query parameter value. */
    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static ProviderUnavailableException unreadable(String what) {
        return new ProviderUnavailableException("unreadable vCenter answer: expected " + what, null);
    }
}
