package io.skyfed.drivers.vsphere;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.skyfed.drivers.resilience.FaultPolicy;
import io.skyfed.drivers.resilience.HttpFailures;
import io.skyfed.drivers.resilience.LookUpBeforeRetry;
import io.skyfed.drivers.resilience.ProviderGuard;
import io.skyfed.drivers.resilience.RemoteCredentialsException;
import io.skyfed.drivers.resilience.RemoteProtocolException;
import io.skyfed.drivers.resilience.RemoteTimeoutException;
import io.skyfed.drivers.resilience.RemoteUnavailableException;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.OperationNotSupportedException;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * One vCenter account, kept across sessions: the HTTP client, the fault guard, and the Automation API session
 * ({@code POST /api/session} with Basic authentication, then the {@code vmware-api-session-id} header on every
 * call). vCenter ends idle sessions on its own; a 401 makes the account log in again once and repeat the call
 * within the same attempt, so an expired session never reaches the caller.
 *
 * <p>With {@code vi-json-release} set, the account also reads managed object properties through the VI JSON API
 * ({@code /sdk/vim25/{release}/...}, vCenter 8.0 U1 and later), under a session of its own from
 * {@code SessionManager/SessionManager/Login}: vCenter shares sessions between the two APIs only from 8.0 U3.
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
    private final Session automation = new Session(this::login);
    private final Session viJson = new Session(this::viLogin);

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
            return guard.idempotent(operation, () -> call(automation, method, path, body, clientToken));
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
            return guard.once(operation, () -> call(automation, method, path, body, null));
        } catch (VsphereError e) {
            throw e.toDriverException(kind, id);
        }
    }

    /**
     * A property of a managed object through the VI JSON API ({@code path} = {@code /HostSystem/host-12/summary}),
     * retried like any read; empty when vCenter does not serve the configured release (its login answers 404, as
     * vCenter 7 does), so callers can fall back to what the Automation API offers.
     */
    Optional<JsonElement> viGet(String operation, String kind, String id, String path) {
        String release = settings.viJsonRelease().orElseThrow(() -> new IllegalStateException("vi-json-release unset"));
        try {
            JsonElement value = guard.idempotent(operation, () -> call(viJson, "GET", "/sdk/vim25/" + release + path,
                    null, null));
            if (value == null) {
                throw new ProviderUnavailableException("unreadable vCenter answer: no value for " + path, null);
            }
            return Optional.of(value);
        } catch (VsphereError e) {
            if (e.viJsonUnavailable()) {
                return Optional.empty();
            }
            throw e.toDriverException(kind, id);
        }
    }

    /**
     * A VI JSON method on a managed object ({@code path} = {@code /VirtualMachine/vm-42/AttachDisk_Task}): retried
     * when {@code idempotent}, else one attempt. Where vCenter does not serve the configured release, the caller
     * learns that the operation needs it.
     */
    JsonElement viInvoke(String operation, String kind, String id, String path, JsonElement body,
                         boolean idempotent) {
        try {
            return idempotent ? guard.idempotent(operation, () -> viCall(path, body))
                    : guard.once(operation, () -> viCall(path, body));
        } catch (VsphereError e) {
            throw viFailure(e, kind, id);
        }
    }

    /**
     * A create vCenter takes no token for, retried like a read, but every attempt after the first (and a final look
     * after the last) first asks {@code lookUp} whether an earlier attempt already took effect. Both run inside the
     * guarded attempt: they call {@link #viCall} directly.
     */
    <T> T viLookUpBeforeRetry(String operation, String kind, Callable<Optional<T>> lookUp, Callable<T> create) {
        try {
            return LookUpBeforeRetry.create(new LookUpBeforeRetry.RetriedCall() {
                @Override
                public <R> R call(String op, Callable<R> call) {
                    return guard.idempotent(op, call);
                }
            }, operation, lookUp, create);
        } catch (VsphereError e) {
            throw viFailure(e, kind, null);
        }
    }

    /** One unguarded VI JSON method call, for use inside a guarded attempt. */
    JsonElement viCall(String path, JsonElement body) throws InterruptedException {
        String release = settings.viJsonRelease().orElseThrow(() -> new IllegalStateException("vi-json-release unset"));
        return call(viJson, "POST", "/sdk/vim25/" + release + path, body == null ? new JsonObject() : body, null);
    }

    private RuntimeException viFailure(VsphereError e, String kind, String id) {
        if (e.viJsonUnavailable()) {
            return new OperationNotSupportedException(e.getMessage() + ": " + kind + "s need vCenter 8.0 U1 or later");
        }
        return e.toDriverException(kind, id);
    }

    /** One attempt: the request, and at most one new login when vCenter no longer knows our session. */
    private JsonElement call(Session sessions, String method, String path, JsonElement body, String clientToken)
            throws InterruptedException {
        try {
            String session = sessions.id();
            HttpResponse<String> response = send(method, path, body, session, clientToken);
            if (expired(response)) {
                sessions.forget(session);
                response = send(method, path, body, sessions.id(), clientToken);
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
                                .header(SESSION_HEADER, automation.id())
                                .header("Content-Type", "application/octet-stream")
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
                String session = automation.id();
                HttpResponse<InputStream> response = open(endpoint, session);
                if (response.statusCode() == 401) {
                    response.body().close();
                    automation.forget(session);
                    response = open(endpoint, automation.id());
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

    /**
     * vCenter no longer knows the session: the Automation API answers 401; the VI JSON API's reference gives the
     * {@code NotAuthenticated} fault for it, so that fault is taken as the same signal whatever the status.
     */
    private static boolean expired(HttpResponse<String> response) {
        return response.statusCode() == 401
                || response.statusCode() >= 400 && "NotAuthenticated".equals(faultType(response.body()));
    }

    /** A session id, and how to get a new one when vCenter has forgotten it. */
    private static final class Session {
        private final Login login;
        private String id;

        Session(Login login) {
            this.login = login;
        }

        synchronized String id() throws IOException, InterruptedException {
            if (id == null) {
                id = login.login();
            }
            return id;
        }

        synchronized void forget(String stale) {
            if (stale.equals(id)) {
                id = null;
            }
        }
    }

    @FunctionalInterface
    private interface Login {
        String login() throws IOException, InterruptedException;
    }

    /**
     * SessionManager.Login with user name and password; the session id comes back in the
     * {@code vmware-api-session-id} header. A 404 means vCenter does not serve this release of the VI JSON API.
     */
    private String viLogin() throws IOException, InterruptedException {
        String release = settings.viJsonRelease().orElseThrow();
        JsonObject body = new JsonObject();
        body.addProperty("userName", credentials.user());
        body.addProperty("password", credentials.secret());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/sdk/vim25/" + release
                                + "/SessionManager/SessionManager/Login")).timeout(settings.socketTimeout())
                        .header("Content-Type", "application/json").header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() == 404) {
            throw VsphereError.viJsonUnavailable(release);
        }
        String fault = faultType(response.body());
        if (response.statusCode() == 401 || response.statusCode() == 403 || "InvalidLogin".equals(fault)
                || "NoPermission".equals(fault)) {
            throw new RemoteCredentialsException("vCenter refused the VI JSON login of user " + credentials.user(),
                    null);
        }
        answer(response);
        return response.headers().firstValue(SESSION_HEADER).filter(id -> !id.isBlank())
                .orElseThrow(() -> new RemoteProtocolException("vCenter answered the VI JSON login without a session "
                        + "id", null));
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
            if (status < 500 && status != 401 && status != 403 && status != 429
                    || status == 500 && VsphereError.requestFault(faultType(response.body()))) {
                JsonObject error = errorBody(response.body());
                String type = error.has("error_type") ? error.get("error_type").getAsString()
                        : faultType(response.body());
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

    /** The VI JSON API's fault name ({@code _typeName} of the MethodFault it answers with), if any. */
    private static String faultType(String body) {
        JsonObject fault = errorBody(body);
        JsonElement type = fault.get("_typeName");
        return type != null && type.isJsonPrimitive() ? type.getAsString() : null;
    }

    /** The first message of an Automation API error ({@code messages}) or of a VI JSON fault ({@code faultMessage}). */
    private static String message(JsonObject error) {
        try {
            if (error.has("faultMessage")) {
                return ": " + error.getAsJsonArray("faultMessage").get(0).getAsJsonObject().get("message")
                        .getAsString();
            }
            return ": " + error.getAsJsonArray("messages").get(0).getAsJsonObject().get("default_message")
                    .getAsString();
        } catch (RuntimeException none) {
            return "";
        }
    }
}
