package io.skyfed.drivers.rhevm;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading oVirt's JSON: a collection is {@code {"vm": [...]}} (and {@code {}} when empty), a link to another object
 * is {@code {"id": ..., "href": ...}}, numbers and booleans may come as strings, dates as epoch milliseconds.
 */
final class OvirtJson {

    private OvirtJson() {
    }

    /** The objects of a collection answer, keyed by the singular type name ("vm", "disk_attachment"). */
    static List<JsonObject> items(JsonObject collection, String type) {
        JsonElement array = collection.get(type);
        if (array == null || array.isJsonNull()) {
            return List.of();
        }
        if (!array.isJsonArray()) {
            throw unreadable("its " + type + " list is not an array", null);
        }
        List<JsonObject> items = new ArrayList<>();
        for (JsonElement e : array.getAsJsonArray()) {
            items.add(e.getAsJsonObject());
        }
        return items;
    }

    /** The objects of a nested collection, {@code "disk_attachments": {"disk_attachment": [...]}}. */
    static List<JsonObject> nested(JsonObject object, String plural, String type) {
        JsonElement inner = object.get(plural);
        return inner == null || !inner.isJsonObject() ? List.of() : items(inner.getAsJsonObject(), type);
    }

    static String text(JsonObject object, String name) {
        JsonElement e = object.get(name);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    static String required(JsonObject object, String name) {
        String value = text(object, name);
        if (value == null) {
            throw unreadable("it lacks " + name, null);
        }
        return value;
    }

    static long number(JsonObject object, String name, long fallback) {
        JsonElement e = object.get(name);
        if (e == null || e.isJsonNull()) {
            return fallback;
        }
        try {
            return e.getAsLong();
        } catch (RuntimeException notANumber) {
            throw unreadable(name + " is not a number: " + e, notANumber);
        }
    }

    /** A decimal figure (statistics come as {@code "12.5"}), truncated. */
    static long decimal(JsonObject object, String name) {
        try {
            return (long) Double.parseDouble(required(object, name));
        } catch (NumberFormatException e) {
            throw unreadable(name + " is not a number: " + text(object, name), e);
        }
    }

    static ProviderUnavailableException unreadable(String what, Throwable cause) {
        return new ProviderUnavailableException("unreadable answer from the engine: " + what, cause);
    }

    static boolean flag(JsonObject object, String name) {
        JsonElement e = object.get(name);
        return e != null && !e.isJsonNull() && Boolean.parseBoolean(e.getAsString());
    }

    /** The id of a linked object ({@code "cluster": {"id": ...}}), or null. */
    static String ref(JsonObject object, String name) {
        JsonElement e = object.get(name);
        return e != null && e.isJsonObject() ? text(e.getAsJsonObject(), "id") : null;
    }

    static JsonObject object(JsonObject object, String name) {
        JsonElement e = object.get(name);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
    }

    /** Dates are epoch milliseconds in the JSON representation; ISO text is accepted too. */
    static Instant time(JsonObject object, String name) {
        JsonElement e = object.get(name);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        String value = e.getAsString();
        try {
            return value.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(value))
                    : Instant.parse(value);
        } catch (RuntimeException notADate) {
            throw unreadable(name + " is not a date: " + value, notADate);
        }
    }

    /** Logical CPUs of a {@code cpu.topology}: sockets × cores × threads, each defaulting to 1. */
    static long cpus(JsonObject owner) {
        JsonObject topology = object(object(owner, "cpu"), "topology");
        return Math.max(1, number(topology, "sockets", 1)) * Math.max(1, number(topology, "cores", 1))
                * Math.max(1, number(topology, "threads", 1));
    }

    /** {@code {"id": id}}, the way requests name another object. */
    static JsonObject link(String id) {
        JsonObject o = new JsonObject();
        o.addProperty("id", id);
        return o;
    }

    /** {@code {"type": [items...]}}, the way requests carry a list. */
    static JsonObject list(String type, JsonObject... items) {
        JsonArray array = new JsonArray();
        for (JsonObject item : items) {
            array.add(item);
        }
        JsonObject o = new JsonObject();
        o.add(type, array);
        return o;
    }
}
