package io.skyfed.drivers.azure;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.skyfed.drivers.resilience.HttpFailures;
import io.skyfed.drivers.resilience.RemoteCredentialsException;
import io.skyfed.drivers.resilience.RemoteProtocolException;
import io.skyfed.drivers.resilience.RemoteTimeoutException;
import io.skyfed.drivers.resilience.RemoteUnavailableException;
import io.skyfed.drivers.spi.Credentials;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Resource Manager calls jclouds' azurecompute-arm does not have (snapshots, usages, SSH public keys, disk access
 * grants), spoken natively with java.net.http and the same client-credentials token flow. One exchange per call:
 * retries belong to the guard. A token Resource Manager refuses as expired is renewed once and the call repeated.
 */
final class ArmClient {

    private final AzureSettings settings;
    private final Credentials credentials;
    private final HttpClient http;
    private String token;
    private Instant tokenExpiry = Instant.EPOCH;

    ArmClient(AzureSettings settings, Credentials credentials) {
        this.settings = settings;
        this.credentials = credentials;
        this.http = HttpClient.newBuilder().connectTimeout(settings.socketTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** GET of a path below the subscription ({@code /resourceGroups/g/providers/...}). */
    JsonObject get(String path, String apiVersion) {
        return send("GET", path, apiVersion, null);
    }

    /** GET of a list Resource Manager answers as a bare JSON array (the Marketplace image catalogue does). */
    JsonArray getArray(String path, String apiVersion) {
        HttpResponse<String> response = exchangeRenewing("GET", path, apiVersion, null);
        failOnError(response);
        try {
            JsonElement json = JsonParser.parseString(response.body());
            if (!json.isJsonArray()) {
                throw new RemoteProtocolException("Resource Manager answered " + path + " without a list", null);
            }
            return json.getAsJsonArray();
        } catch (JsonParseException | IllegalStateException e) {
            throw new RemoteProtocolException("Resource Manager answered with an unreadable body: "
                    + e.getMessage(), e);
        }
    }

    /**
     * One page of a list operation: the first page is a path below the subscription, every further page the
     * {@code nextLink} the previous page named (absolute, carrying its own api-version and skip token). A link to
     * another origin than Resource Manager's is refused, so the bearer token never leaves for another host.
     */
    JsonObject page(String pathOrNextLink, String apiVersion) {
        if (!pathOrNextLink.startsWith("http")) {
            return get(pathOrNextLink, apiVersion);
        }
        return checked(exchangeRenewing("GET", sameOriginOrRefuse(URI.create(pathOrNextLink)), null));
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getAuthority().equalsIgnoreCase(b.getAuthority());
    }

    JsonObject put(String path, String apiVersion, JsonObject body) {
        return send("PUT", path, apiVersion, body);
    }

    JsonObject post(String path, String apiVersion, JsonObject body) {
        return send("POST", path, apiVersion, body == null ? new JsonObject() : body);
    }

    /**
     * A POST whose result comes later ("Track asynchronous Azure operations"): Resource Manager answers 202 with a
     * Location to poll, which answers 202 until the operation is done and then 200 with the result. Polls wait the
     * Retry-After the answer names (1 s when none), until {@code deadline} passes.
     */
    JsonObject postAndAwait(String path, String apiVersion, JsonObject body, Duration deadline) {
        HttpResponse<String> response = exchangeRenewing("POST", path, apiVersion, body);
        Instant until = Instant.now().plus(deadline);
        while (response.statusCode() == 202) {
            String location = response.headers().firstValue("Location").orElseThrow(() -> new RemoteProtocolException(
                    "Resource Manager accepted " + path + " without a Location to poll", null));
            long wait = response.headers().firstValue("Retry-After").map(ArmClient::seconds).orElse(1L);
            if (Instant.now().plusSeconds(wait).isAfter(until)) {
                throw new RemoteTimeoutException("the operation on " + path + " did not finish in " + deadline, null);
            }
            pause(wait);
            response = transmit(HttpRequest.newBuilder(URI.create(location)).timeout(settings.socketTimeout())
                    .header("Authorization", "Bearer " + bearer(false)).header("Accept", "application/json")
                    .GET().build());
        }
        return checked(response);
    }

    /**
     * A PUT or DELETE that Resource Manager may finish later: when the answer names an {@code Azure-AsyncOperation}
     * its status resource is polled until {@code Succeeded} ({@code Failed}/{@code Canceled} become the error they
     * carry); a 202 with only a {@code Location} is polled until it stops answering 202. Every poll waits the
     * Retry-After of the answer before it (1 s when none), until {@code deadline} passes. A PUT's result is the
     * resource read again once the operation is done, as the asynchronous-operations guide says to.
     */
    JsonObject sendAndAwait(String method, String path, String apiVersion, JsonObject body, Duration deadline) {
        HttpResponse<String> response = exchangeRenewing(method, path, apiVersion, body);
        checked(response);
        Instant until = Instant.now().plus(deadline);
        var operation = response.headers().firstValue("Azure-AsyncOperation");
        if (operation.isPresent()) {
            URI status = URI.create(operation.get());
            HttpResponse<String> poll = response;
            while (true) {
                waitRetryAfter(poll, until, path);
                poll = exchangeRenewing("GET", sameOriginOrRefuse(status), null);
                JsonObject result = checked(poll);
                String state = result.has("status") ? result.get("status").getAsString() : "";
                if (state.equalsIgnoreCase("Succeeded")) {
                    break;
                }
                if (state.equalsIgnoreCase("Failed") || state.equalsIgnoreCase("Canceled")) {
                    JsonObject error = result.getAsJsonObject("error");
                    String code = error != null && error.has("code") ? error.get("code").getAsString() : state;
                    String message = error != null && error.has("message") ? error.get("message").getAsString() : "";
                    throw HttpFailures.fromStatus(code.contains("Conflict") || code.contains("InUse") ? 409 : 400,
                            null, method + " " + path + " " + state.toLowerCase() + ": " + code + ": " + message, null);
                }
            }
        } else if (response.statusCode() == 202) {
            HttpResponse<String> poll = response;
            while (poll.statusCode() == 202) {
                URI location = URI.create(poll.headers().firstValue("Location").orElseThrow(() ->
                        new RemoteProtocolException("Resource Manager accepted " + path + " without a Location", null)));
                waitRetryAfter(poll, until, path);
                poll = exchangeRenewing("GET", sameOriginOrRefuse(location), null);
                checked(poll);
            }
        }
        return method.equals("PUT") ? get(path, apiVersion) : new JsonObject();
    }

    private static void waitRetryAfter(HttpResponse<String> response, Instant until, String path) {
        long wait = response.headers().firstValue("Retry-After").map(ArmClient::seconds).orElse(1L);
        if (Instant.now().plusSeconds(wait).isAfter(until)) {
            throw new RemoteTimeoutException("the operation on " + path + " did not finish in time", null);
        }
        pause(wait);
    }

    private URI sameOriginOrRefuse(URI link) {
        URI arm = URI.create(settings.subscriptionUrl());
        if (!sameOrigin(link, arm)) {
            throw new RemoteProtocolException("Resource Manager named a link on another host: " + link.getScheme()
                    + "://" + link.getAuthority(), null);
        }
        return link;
    }

    private static long seconds(String header) {
        try {
            return Math.max(0, Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static void pause(long seconds) {
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteTimeoutException("interrupted while waiting for an operation", e);
        }
    }

    void delete(String path, String apiVersion) {
        send("DELETE", path, apiVersion, null);
    }

    private JsonObject send(String method, String path, String apiVersion, JsonObject body) {
        return checked(exchangeRenewing(method, path, apiVersion, body));
    }

    private HttpResponse<String> exchangeRenewing(String method, String path, String apiVersion, JsonObject body) {
        return exchangeRenewing(method, URI.create(settings.subscriptionUrl() + path
                + (path.contains("?") ? "&" : "?") + "api-version=" + apiVersion), body);
    }

    private HttpResponse<String> exchangeRenewing(String method, URI uri, JsonObject body) {
        HttpResponse<String> response = exchange(method, uri, body, bearer(false));
        if (response.statusCode() == 401 && errorCode(response.body()).contains("Expired")) {
            response = exchange(method, uri, body, bearer(true));
        }
        return response;
    }

    private JsonObject checked(HttpResponse<String> response) {
        failOnError(response);
        return parse(response.body());
    }

    private static void failOnError(HttpResponse<String> response) {
        if (response.statusCode() >= 300) {
            throw HttpFailures.fromStatus(response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null), errorText(response.body()), null);
        }
    }

    private HttpResponse<String> exchange(String method, URI uri, JsonObject body, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.socketTimeout())
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return transmit(request.build());
    }

    private synchronized String bearer(boolean renew) {
        if (renew || token == null || Instant.now().isAfter(tokenExpiry)) {
            String form = "grant_type=client_credentials&client_id=" + encode(credentials.user())
                    + "&client_secret=" + encode(credentials.secret())
                    + "&resource=" + encode("https://management.azure.com/");
            HttpResponse<String> response = transmit(HttpRequest.newBuilder(URI.create(settings.tokenUrl()))
                    .timeout(settings.socketTimeout())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
            if (response.statusCode() == 400 || response.statusCode() == 401) {
                // Entra ID answers invalid_client / unauthorized_client with 400 or 401; never echo the form.
                throw new RemoteCredentialsException("the token issuer refused the client credentials ("
                        + errorCode(response.body()) + ")", null);
            }
            if (response.statusCode() >= 300) {
                throw HttpFailures.fromStatus(response.statusCode(),
                        response.headers().firstValue("Retry-After").orElse(null), "token issuer", null);
            }
            JsonObject answer = parse(response.body());
            if (!answer.has("access_token")) {
                throw new RemoteProtocolException("the token issuer's answer has no access_token", null);
            }
            token = answer.get("access_token").getAsString();
            long lifetime = answer.has("expires_in") ? answer.get("expires_in").getAsLong() : 300;
            // renew a minute early so that a token never expires between the check and its use
            tokenExpiry = Instant.now().plusSeconds(Math.max(0, lifetime - 60));
        }
        return token;
    }

    private HttpResponse<String> transmit(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new RemoteTimeoutException("no answer in time from " + request.uri().getHost(), e);
        } catch (IOException e) {
            throw new RemoteUnavailableException("transport failure: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteTimeoutException("interrupted", e);
        }
    }

    static JsonObject parse(String body) {
        if (body == null || body.isBlank()) {
            return new JsonObject();
        }
        try {
            JsonElement json = JsonParser.parseString(body);
            if (!json.isJsonObject()) {
                throw new RemoteProtocolException("Resource Manager answered with an unreadable body", null);
            }
            return json.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new RemoteProtocolException("Resource Manager answered with an unreadable body: "
                    + e.getMessage(), e);
        }
    }

    /** The {@code error.code} of an ARM error body ({@code error} alone for the token issuer), or "". */
    static String errorCode(String body) {
        try {
            JsonObject json = JsonParser.parseString(body).getAsJsonObject();
            JsonElement error = json.get("error");
            if (error != null && error.isJsonObject() && error.getAsJsonObject().has("code")) {
                return error.getAsJsonObject().get("code").getAsString();
            }
            return error != null && error.isJsonPrimitive() ? error.getAsString() : "";
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String errorText(String body) {
        String code = errorCode(body);
        try {
            JsonObject error = JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("error");
            return code + ": " + error.get("message").getAsString();
        } catch (RuntimeException e) {
            return code;
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
