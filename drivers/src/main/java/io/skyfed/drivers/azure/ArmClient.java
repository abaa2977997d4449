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
 * Resource Manager calls jclouds' azurecompute-arm does not have or does not follow (snapshots, usages, SSH public
 * keys, disk access grants, Marketplace agreements, deletes whose operation must be followed), spoken natively with
 * java.net.http and the same client-credentials token flow. One exchange per call (but the *AndAwait ones, which
 * follow an operation within one attempt's budget): retries belong to the guard. A token Resource Manager refuses as expired is renewed once and the call repeated.
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
     * Where Resource Manager reports an accepted operation's progress ("Track asynchronous Azure operations"): an
     * {@code Azure-AsyncOperation} status resource (whose {@code status} says Succeeded, Failed or Canceled), or a
     * {@code Location} that answers 202 while the operation runs and its result once it is done.
     */
    record Monitor(URI uri, boolean statusResource) {
    }

    /**
     * What one answer says of an operation: still running (poll again after {@code retryAfter} seconds), done with
     * {@code result}, or ended with {@code failure} ({@code code: message}; {@code conflict} when the code says the
     * resource was in a state that forbade it).
     */
    record Progress(boolean running, JsonObject result, String failure, boolean conflict, long retryAfter) {
    }

    /** The answer to a request whose work may go on after it: its body, and the monitor to poll when it does. */
    record Started(JsonObject body, Monitor monitor, long retryAfter) {
    }

    /**
     * One exchange of a PUT, POST or DELETE; its {@link Started#monitor()} is null when the work is done. A POST's
     * result is served at its Location, so that is followed when named; otherwise the status resource is.
     */
    Started start(String method, String path, String apiVersion, JsonObject body) {
        HttpResponse<String> response = exchangeRenewing(method, path, apiVersion, body);
        JsonObject answer = checked(response);
        Monitor monitor = null;
        var operation = response.headers().firstValue("Azure-AsyncOperation");
        boolean resultAtLocation = method.equals("POST") && response.headers().firstValue("Location").isPresent();
        if (operation.isPresent() && !resultAtLocation) {
            monitor = new Monitor(sameOriginOrRefuse(URI.create(operation.get())), true);
        } else if (response.statusCode() == 202) {
            monitor = new Monitor(sameOriginOrRefuse(URI.create(response.headers().firstValue("Location").orElseThrow(
                    () -> new RemoteProtocolException("Resource Manager accepted " + path + " without a Location to "
                            + "poll", null)))), false);
        }
        return new Started(answer, monitor, retryAfter(response));
    }

    /** One read of an operation's monitor. */
    Progress poll(Monitor monitor) {
        HttpResponse<String> response = exchangeRenewing("GET", sameOriginOrRefuse(monitor.uri()), null);
        JsonObject result = checked(response);
        long wait = retryAfter(response);
        if (!monitor.statusResource()) {
            return new Progress(response.statusCode() == 202, result, null, false, wait);
        }
        String state = result.has("status") ? result.get("status").getAsString() : "";
        if (state.equalsIgnoreCase("Failed") || state.equalsIgnoreCase("Canceled")) {
            JsonObject error = result.has("error") && result.get("error").isJsonObject()
                    ? result.getAsJsonObject("error") : new JsonObject();
            String code = error.has("code") ? error.get("code").getAsString() : state;
            String message = error.has("message") ? error.get("message").getAsString() : "";
            return new Progress(false, result, state.toLowerCase() + ": " + code + ": " + message,
                    code.contains("Conflict") || code.contains("InUse") || code.equals("OperationNotAllowed"), wait);
        }
        return new Progress(!state.equalsIgnoreCase("Succeeded"), result, null, false, wait);
    }

    /**
     * A POST whose result comes later: Resource Manager answers 202 with a Location to poll, which answers 202
     * until the operation is done and then 200 with the result, all within {@code deadline}.
     */
    JsonObject postAndAwait(String path, String apiVersion, JsonObject body, Duration deadline) {
        Instant until = Instant.now().plus(deadline);
        return awaitWithin(start("POST", path, apiVersion, body), "POST " + path, until);
    }

    /**
     * A PUT or DELETE that Resource Manager may finish later, followed to its end within {@code deadline} (a failed
     * or canceled operation becomes the error it carries). A PUT's result is the resource read again once the
     * operation is done, as the asynchronous-operations guide says to.
     */
    JsonObject sendAndAwait(String method, String path, String apiVersion, JsonObject body, Duration deadline) {
        Instant until = Instant.now().plus(deadline);
        awaitWithin(start(method, path, apiVersion, body), method + " " + path, until);
        return method.equals("PUT") ? get(path, apiVersion) : new JsonObject();
    }

    /** Polls until done, each poll after the Retry-After of the answer before it (1 s when none). */
    private JsonObject awaitWithin(Started started, String what, Instant until) {
        if (started.monitor() == null) {
            return started.body();
        }
        long wait = started.retryAfter();
        while (true) {
            if (Instant.now().plusSeconds(wait).isAfter(until)) {
                throw new RemoteTimeoutException("the operation " + what + " did not finish in time", null);
            }
            pause(wait);
            Progress progress = poll(started.monitor());
            if (progress.failure() != null) {
                throw HttpFailures.fromStatus(progress.conflict() ? 409 : 400, null,
                        what + " " + progress.failure(), null);
            }
            if (!progress.running()) {
                return progress.result();
            }
            wait = progress.retryAfter();
        }
    }

    private static long retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").map(ArmClient::seconds).orElse(1L);
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

    static void pause(long seconds) {
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
