package io.skyfed.drivers.google;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.skyfed.drivers.resilience.HttpFailures;
import io.skyfed.drivers.resilience.RemoteProtocolException;
import io.skyfed.drivers.resilience.RemoteTimeoutException;
import io.skyfed.drivers.resilience.RemoteUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The Compute API calls jclouds cannot make (see {@link GoogleAccount}), spoken natively as JSON with the bearer
 * token jclouds' OAuth flow holds. One exchange per call; the caller's guard decides about retries.
 */
final class GoogleRest {

    private final HttpClient http;
    private final Supplier<String> authorization;
    private final Duration timeout;

    GoogleRest(HttpClient http, Supplier<String> authorization, Duration timeout) {
        this.http = http;
        this.authorization = authorization;
        this.timeout = timeout;
    }

    JsonObject get(URI uri) {
        return send(uri, "GET", HttpRequest.BodyPublishers.noBody());
    }

    JsonObject delete(URI uri) {
        return send(uri, "DELETE", HttpRequest.BodyPublishers.noBody());
    }

    JsonObject post(URI uri, JsonObject body) {
        return send(uri, "POST", HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    }

    private JsonObject send(URI uri, String method, HttpRequest.BodyPublisher body) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", authorization.get())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, body).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new RemoteTimeoutException(method + " " + uri.getPath() + ": no answer in time", e);
        } catch (IOException e) {
            throw new RemoteUnavailableException(method + " " + uri.getPath() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteUnavailableException(method + " " + uri.getPath() + ": interrupted", e);
        }
        if (response.statusCode() >= 400) {
            throw HttpFailures.fromStatus(response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null), errorMessage(response.body()), null);
        }
        try {
            JsonElement json = JsonParser.parseString(response.body());
            if (!json.isJsonObject()) {
                throw new IllegalStateException("not a JSON object");
            }
            return json.getAsJsonObject();
        } catch (RuntimeException e) {
            throw new RemoteProtocolException("provider answered with an unreadable body: " + e.getMessage(), e);
        }
    }

    /** Google's error body: {@code {"error": {"code": 409, "message": "...", "errors": [{"reason": ...}]}}}. */
    private static String errorMessage(String body) {
        try {
            JsonObject error = JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("error");
            String reason = error.has("errors") && !error.getAsJsonArray("errors").isEmpty()
                    ? error.getAsJsonArray("errors").get(0).getAsJsonObject().get("reason").getAsString() + ": " : "";
            return reason + error.get("message").getAsString();
        } catch (RuntimeException unreadable) {
            return body == null || body.length() > 200 ? "" : body;
        }
    }
}
