package io.skyfed.drivers.rhevm;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.skyfed.drivers.resilience.HttpFailures;
import io.skyfed.drivers.resilience.RemoteCredentialsException;
import io.skyfed.drivers.resilience.RemoteProtocolException;
import io.skyfed.drivers.spi.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The oVirt REST API v4 spoken in JSON over java.net.http: one request, one answer, errors as
 * {@link io.skyfed.drivers.resilience.RemoteCallException}s for the guard to judge. With SSO (the default) it
 * holds an OAuth token from the engine's SSO service and takes a new one once when the API refuses the old one
 * (tokens expire, and engines restart); with {@code auth=basic} every request carries the credentials.
 *
 * <p>JSON rather than XML: the drivers module already carries Gson (the Glance client uses it), the engine's JSON
 * is the same model as its XML, and there is no XML parser to harden against external entities.
 */
final class OvirtClient {

    private static final String JSON = "application/json";

    private final RhevmSettings settings;
    private final Credentials credentials;
    private final HttpClient http;
    private Token token;

    private record Token(String value, Instant expiresAt) {
    }

    OvirtClient(RhevmSettings settings, Credentials credentials) {
        this.settings = settings;
        this.credentials = credentials;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(settings.socketTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        settings.caFile().ifPresent(ca -> http.sslContext(EngineTrust.trusting(ca)));
        this.http = http.build();
    }

    JsonObject get(String path) throws IOException, InterruptedException {
        return call("GET", path, null);
    }

    JsonObject post(String path, JsonObject body) throws IOException, InterruptedException {
        return call("POST", path, body);
    }

    void delete(String path) throws IOException, InterruptedException {
        call("DELETE", path, null);
    }

    /** Sends a request to the API; an empty answer reads as an empty object. */
    JsonObject call(String method, String path, JsonObject body) throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, body, authorization(false));
        if (response.statusCode() == 401 && !settings.basicAuth()) {
            // The token expired or the engine forgot it: take a new one, once, and repeat the request.
            response = send(method, path, body, authorization(true));
        }
        if (response.statusCode() >= 400) {
            throw HttpFailures.fromStatus(response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null), faultDetail(response.body()), null);
        }
        return parse(response.body());
    }

    /** Opens a GET of an image I/O URL; its ticket is in the URL, so no credentials go with it. */
    HttpResponse<InputStream> download(URI url) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(url).timeout(settings.socketTimeout())
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() >= 400) {
            String detail;
            try (InputStream body = response.body()) {
                detail = new String(body.readNBytes(512), StandardCharsets.UTF_8);
            }
            throw HttpFailures.fromStatus(response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null), detail, null);
        }
        return response;
    }

    /** PUTs a whole image to an image I/O URL, streaming; {@code length} -1 when unknown. */
    void upload(URI url, InputStream content, long length) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = length >= 0
                ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> content),
                        length)
                : HttpRequest.BodyPublishers.ofInputStream(() -> content);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).PUT(body)
                .header("Content-Type", "application/octet-stream").build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() >= 400) {
            throw HttpFailures.fromStatus(response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null), response.body(), null);
        }
    }

    private HttpResponse<String> send(String method, String path, JsonObject body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.api() + path))
                .timeout(settings.socketTimeout())
                .header("Accept", JSON)
                .header("Version", "4")
                .header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", JSON);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String authorization(boolean renew) throws IOException, InterruptedException {
        if (settings.basicAuth()) {
            return "Basic " + Base64.getEncoder().encodeToString((credentials.user() + ":" + credentials.secret())
                    .getBytes(StandardCharsets.UTF_8));
        }
        return "Bearer " + token(renew);
    }

    private synchronized String token(boolean renew) throws IOException, InterruptedException {
        if (renew || token == null || Instant.now().isAfter(token.expiresAt().minusSeconds(60))) {
            token = null;
            token = authenticate();
        }
        return token.value();
    }

    /** OAuth 2.0 resource owner password grant against the engine's SSO service (scope ovirt-app-api). */
    private Token authenticate() throws IOException, InterruptedException {
        String form = "grant_type=password&scope=ovirt-app-api&username="
                + URLEncoder.encode(credentials.user(), StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(credentials.secret(), StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(settings.tokenEndpoint())
                        .timeout(settings.socketTimeout())
                        .header("Accept", JSON)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() == 400 || response.statusCode() == 401 || response.statusCode() == 403) {
            // The SSO service answers a refused password with 400 and error_code access_denied.
            throw new RemoteCredentialsException("the engine's SSO refused the user " + credentials.user(), null);
        }
        if (response.statusCode() >= 300) {
            throw HttpFailures.fromStatus(response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null), "SSO token request failed", null);
        }
        JsonObject answer = parse(response.body());
        if (answer.has("error_code") || !answer.has("access_token")) {
            throw new RemoteCredentialsException("the engine's SSO gave no token for " + credentials.user(), null);
        }
        try {
            Instant expires = answer.has("exp") ? Instant.ofEpochMilli(answer.get("exp").getAsLong())
                    : Instant.now().plusSeconds(600);
            return new Token(answer.get("access_token").getAsString(), expires);
        } catch (RuntimeException e) {
            throw new RemoteProtocolException("unreadable SSO token: " + e.getMessage(), e);
        }
    }

    private static JsonObject parse(String body) {
        if (body == null || body.isBlank()) {
            return new JsonObject();
        }
        try {
            JsonElement element = JsonParser.parseString(body);
            if (!element.isJsonObject()) {
                throw new IllegalStateException("not a JSON object");
            }
            return element.getAsJsonObject();
        } catch (RuntimeException e) {
            throw new RemoteProtocolException("unreadable answer from the engine: " + e.getMessage(), e);
        }
    }

    /** oVirt's fault body: {"reason": "Operation Failed", "detail": "[Cannot run VM. ...]"}. */
    private static String faultDetail(String body) {
        try {
            JsonObject fault = JsonParser.parseString(body).getAsJsonObject();
            String reason = fault.has("reason") ? fault.get("reason").getAsString() : "";
            String detail = fault.has("detail") ? fault.get("detail").getAsString() : "";
            return (reason + " " + detail).trim();
        } catch (RuntimeException notJson) {
            return body == null ? "" : body.substring(0, Math.min(200, body.length()));
        }
    }
}
