package io.skyfed.drivers.vsphere;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.skyfed.drivers.resilience.FaultPolicy;
import io.skyfed.drivers.resilience.HttpFailures;
import io.skyfed.drivers.resilience.ProviderGuard;
import io.skyfed.drivers.resilience.RemoteCredentialsException;
import io.skyfed.drivers.resilience.RemoteProtocolException;
import io.skyfed.drivers.resilience.RemoteTimeoutException;
import io.skyfed.drivers.resilience.RemoteUnavailableException;
import io.skyfed.drivers.spi.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One vCenter account, kept across sessions: the HTTP client, the fault guard, and the Automation API session
 * ({@code POST /api/session} with Basic authentication, then the {@code vmware-api-session-id} header on every
 * call). vCenter ends idle sessions on its own; a 401 makes the account log in again once and repeat the call
 * within the same attempt, so an expired session never reaches the caller.
 */
final class VsphereAccount {

    static final String SESSION_HEADER = "vmware-api-session-id";

    final String providerId;
    final VsphereSettings settings;
    final ProviderGuard guard;
    /** Uploads: the same policy but with {@code transfer-timeout} as the attempt budget, since disks take hours. */
    private final ProviderGuard transfers;
    private final Credentials credentials;
    private final HttpClient http;
    private String sessionId;

    VsphereAccount(String providerId, VsphereSettings settings, FaultPolicy policy, Credentials credentials) {
        this.providerId = providerId;
        this.settings = settings;
        this.credentials = credentials;
        this.guard = new ProviderGuard(providerId, policy);
        this.transfers = new ProviderGuard(providerId + " (transfers)", new FaultPolicy(settings.transferTimeout(),
                policy.maxRetries(), policy.retryBase(), policy.retryMaxDelay(), policy.retryMaxDuration(),
                policy.breakerWindow(), policy.breakerRatio(), policy.breakerDelay(), policy.bulkheadLimit(),
                policy.bulkheadQueue()));
        this.http = HttpClient.newBuilder().connectTimeout(settings.socketTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    boolean matches(VsphereSettings other, Credentials otherCredentials) {
        return settings.equals(other) && credentials.equals(otherCredentials);
    }

    /** A call that changes nothing, or whose repetition changes nothing: retried by the guard. */
    JsonElement read(String operation, String kind, String id, String method, String path, JsonElement body) {
        return read(operation, kind, id, method, path, body, null);
    }

    /**
     * A create carrying the Automation API's {@code Client-Token} header: vCenter answers a repeated request with
     * the first one's result, so it is retried like a read.
     */
    JsonElement read(String operation, String kind, String id, String method, String path, JsonElement body,
                     String clientToken) {
        try {
            return guard.idempotent(operation, () -> call(method, path, body, clientToken));
        } catch (VsphereError e) {
            throw e.toDriverException(kind, id);
        }
    }

    JsonElement get(String operation, String kind, String id, String path) {
        return read(operation, kind, id, "GET", path, null);
    }

    /** A call that must reach vCenter at most once (creates, power operations). */
    JsonElement write(String operation, String kind, String id, String method, String path, JsonElement body) {
        try {
            return guard.once(operation, () -> call(method, path, body, null));
        } catch (VsphereError e) {
            throw e.toDriverException(kind, id);
        }
    }

    /** One attempt: the request, and at most one new login when vCenter no longer knows our session. */
    private JsonElement call(String method, String path, JsonElement body, String clientToken)
            throws InterruptedException {
        try {
            String session = session();
            HttpResponse<String> response = send(method, path, body, session, clientToken);
            if (response.statusCode() == 401) {
                forget(session);
                response = send(method, path, body, session(), clientToken);
            }
            return answer(response);
        } catch (HttpTimeoutException e) {
            throw new RemoteTimeoutException(method + " " + path + ": no answer in time", e);
        } catch (IOException e) {
            throw new RemoteUnavailableException(method + " " + path + ": " + e, e);
        }
    }

    private HttpResponse<String> send(String method, String path, JsonElement body, String session,
                                      String clientToken) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(settings.socketTimeout())
                .header(SESSION_HEADER, session).header("Accept", "application/json");
        if (clientToken != null) {
            request.header("Client-Token", clientToken);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * Streams {@code content} to a content library upload endpoint (a URI vCenter handed out in an update session).
     * One attempt: a consumed stream cannot be replayed.
     */
    void upload(String operation, URI endpoint, InputStream content, long length) {
        transfers.once(operation, () -> {
            try {
                HttpRequest.BodyPublisher body = length >= 0
                        ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                                () -> content), length)
                        : HttpRequest.BodyPublishers.ofInputStream(() -> content);
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                                .header(SESSION_HEADER, session()).header("Content-Type", "application/octet-stream")
                                .PUT(body).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return answer(response);
            } catch (IOException e) {
                throw new RemoteUnavailableException(operation + ": " + e, e);
            }
        });
    }

    /**
     * Opens a content library download endpoint. The guard covers the request up to the response headers; the
     * body is then read by the caller at its own pace (a disk takes longer than any attempt timeout).
     */
    InputStream download(String operation, URI endpoint) {
        return guard.idempotent(operation, () -> {
            try {
                String session = session();
                HttpResponse<InputStream> response = open(endpoint, session);
                if (response.statusCode() == 401) {
                    response.body().close();
                    forget(session);
                    response = open(endpoint, session());
                }
                if (response.statusCode() >= 400) {
                    try (InputStream error = response.body()) {
                        answer(new StringResponse(response, new String(error.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                }
                return response.body();
            } catch (HttpTimeoutException e) {
                throw new RemoteTimeoutException(operation + ": no answer in time", e);
            } catch (IOException e) {
                throw new RemoteUnavailableException(operation + ": " + e, e);
            }
        });
    }

    private HttpResponse<InputStream> open(URI endpoint, String session) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(endpoint).timeout(settings.socketTimeout())
                .header(SESSION_HEADER, session).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private synchronized String session() throws IOException, InterruptedException {
        if (sessionId == null) {
            sessionId = login();
        }
        return sessionId;
    }

    private synchronized void forget(String session) {
        if (session.equals(sessionId)) {
            sessionId = null;
        }
    }

    private String login() throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((credentials.user() + ":" + credentials.secret())
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/session"))
                        .timeout(settings.socketTimeout()).header("Authorization", "Basic " + basic)
                        .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new RemoteCredentialsException("vCenter refused the login of user " + credentials.user(), null);
        }
        JsonElement token = answer(response);
        if (token == null || !token.isJsonPrimitive() || token.getAsString().isBlank()) {
            throw new RemoteProtocolException("vCenter answered the login without a session id", null);
        }
        return token.getAsString();
    }

    private URI uri(String path) {
        return URI.create(settings.base() + path);
    }

    /** The answer's JSON (null for 204), or the failure it reports. */
    private static JsonElement answer(HttpResponse<String> response) {
        return answer(new StringResponse(response, response.body()));
    }

    /** Status, headers and text of an answer, however its body was read. */
    private record StringResponse(HttpResponse<?> response, String body) {
        int statusCode() {
            return response.statusCode();
        }

        java.net.http.HttpHeaders headers() {
            return response.headers();
        }
    }

    private static JsonElement answer(StringResponse response) {
        int status = response.statusCode();
        if (status >= 400) {
            String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
            if (status < 500 && status != 401 && status != 403 && status != 429) {
                JsonObject error = errorBody(response.body());
                String type = error.has("error_type") ? error.get("error_type").getAsString() : null;
                throw new VsphereError(status, type, "vCenter: " + (type == null ? "HTTP " + status : type)
                        + message(error));
            }
            throw HttpFailures.fromStatus(status, retryAfter, errorType(response.body()), null);
        }
        if (status == 204 || response.body() == null || response.body().isBlank()) {
            return null;
        }
        try {
            return JsonParser.parseString(response.body());
        } catch (RuntimeException e) {
            throw new RemoteProtocolException("unreadable vCenter answer: " + e.getMessage(), e);
        }
    }

    private static JsonObject errorBody(String body) {
        try {
            JsonElement parsed = JsonParser.parseString(body == null ? "" : body);
            return parsed != null && parsed.isJsonObject() ? parsed.getAsJsonObject() : new JsonObject();
        } catch (RuntimeException unreadable) {
            return new JsonObject();
        }
    }

    private static String errorType(String body) {
        JsonObject error = errorBody(body);
        return error.has("error_type") ? error.get("error_type").getAsString() : null;
    }

    private static String message(JsonObject error) {
        try {
            return ": " + error.getAsJsonArray("messages").get(0).getAsJsonObject().get("default_message")
                    .getAsString();
        } catch (RuntimeException none) {
            return "";
        }
    }
}
