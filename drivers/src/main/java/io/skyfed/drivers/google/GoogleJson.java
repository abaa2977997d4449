package io.skyfed.drivers.google;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.skyfed.drivers.resilience.RemoteRequestException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading the Compute API's JSON resources (instances, images, operations) that are read natively. */
final class GoogleJson {

    private GoogleJson() {
    }

    static String text(JsonObject json, String field) {
        JsonElement value = json == null ? null : json.get(field);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }

    static long number(JsonObject json, String field, long fallback) {
        String value = text(json, field);
        return value == null ? fallback : Long.parseLong(value);
    }

    static List<JsonObject> objects(JsonObject json, String field) {
        List<JsonObject> items = new ArrayList<>();
        JsonElement value = json == null ? null : json.get(field);
        if (value != null && value.isJsonArray()) {
            for (JsonElement item : (JsonArray) value) {
                items.add(item.getAsJsonObject());
            }
        }
        return items;
    }

    /** The last path segment of a resource URL ({@code .../zones/us-central1-a} → {@code us-central1-a}). */
    static String lastSegment(String url) {
        return url == null ? null : url.substring(url.lastIndexOf('/') + 1);
    }

    static Instant instant(String rfc3339) {
        return rfc3339 == null ? null : OffsetDateTime.parse(rfc3339).toInstant();
    }

    /** A value of a metadata block ({@code {"items": [{"key": ..., "value": ...}]}}). */
    static Optional<String> metadata(JsonObject metadata, String key) {
        return objects(metadata, "items").stream().filter(i -> key.equals(text(i, "key")))
                .map(i -> text(i, "value")).findFirst();
    }

    /** The failure a finished operation reports, as the request failure it describes. */
    static Optional<RemoteRequestException> operationError(JsonObject operation) {
        List<JsonObject> errors = objects(operation.getAsJsonObject("error"), "errors");
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        int status = (int) number(operation, "httpErrorStatusCode", 400);
        JsonObject first = errors.get(0);
        return Optional.of(new RemoteRequestException(status, text(first, "code") + ": " + text(first, "message"),
                null));
    }
}
