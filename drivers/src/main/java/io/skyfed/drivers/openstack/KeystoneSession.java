package io.skyfed.drivers.openstack;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.skyfed.drivers.resilience.HttpFailures;
import io.skyfed.drivers.resilience.RemoteProtocolException;
import io.skyfed.drivers.spi.Credentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * A Keystone v3 token and service catalog for the APIs the driver calls without jclouds (Glance's image upload):
 * password authentication scoped to the provider's project, renewed a minute before it expires.
 */
final class KeystoneSession {

    record Token(String value, Instant expiresAt, JsonArray catalog) {
    }

    private final OpenStackSettings settings;
    private final Credentials credentials;
    private final HttpClient http;
    private Token token;

    KeystoneSession(OpenStackSettings settings, Credentials credentials, HttpClient http) {
        this.settings = settings;
        this.credentials = credentials;
        this.http = http;
    }

    synchronized Token token() throws IOException, InterruptedException {
        if (token == null || Instant.now().isAfter(token.expiresAt().minusSeconds(60))) {
            token = authenticate();
        }
        return token;
    }

    /** Forgets the token, after a service refused it. */
    synchronized void invalidate() {
        token = null;
    }

    /** The public endpoint of a service type in the provider's region (or the first region listed). */
    Optional<URI> endpoint(String serviceType) throws IOException, InterruptedException {
        for (JsonElement service : token().catalog()) {
            JsonObject s = service.getAsJsonObject();
            if (!serviceType.equals(s.get("type").getAsString())) {
                continue;
            }
            for (JsonElement endpoint : s.getAsJsonArray("endpoints")) {
                JsonObject e = endpoint.getAsJsonObject();
                boolean inRegion = settings.region().map(r -> r.equals(e.get("region").getAsString())).orElse(true);
                if ("public".equals(e.get("interface").getAsString()) && inRegion) {
                    return Optional.of(URI.create(e.get("url").getAsString()));
                }
            }
        }
        return Optional.empty();
    }

    private Token authenticate() throws IOException, InterruptedException {
        String[] user = credentials.user().contains(":") ? credentials.user().split(":", 2)
                : new String[] {"Default", credentials.user()};
        JsonObject domain = new JsonObject();
        domain.addProperty("name", user[0]);
        JsonObject u = new JsonObject();
        u.addProperty("name", user[1]);
        u.add("domain", domain);
        u.addProperty("password", credentials.secret());
        JsonObject password = new JsonObject();
        password.add("user", u);
        JsonArray methods = new JsonArray();
        methods.add("password");
        JsonObject identity = new JsonObject();
        identity.add("methods", methods);
        identity.add("password", password);
        JsonObject project = new JsonObject();
        project.addProperty("name", settings.project());
        project.add("domain", domain);
        JsonObject scope = new JsonObject();
        scope.add("project", project);
        JsonObject auth = new JsonObject();
        auth.add("identity", identity);
        auth.add("scope", scope);
        JsonObject body = new JsonObject();
        body.add("auth", auth);

        URI tokens = URI.create(settings.keystone().toString().replaceAll("/+$", "") + "/auth/tokens");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokens)
                .timeout(settings.socketTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 201) {
            throw HttpFailures.fromStatus(response.statusCode(), response.headers().firstValue("Retry-After")
                    .orElse(null), "Keystone refused the token request", null);
        }
        String value = response.headers().firstValue("X-Subject-Token").orElseThrow(() ->
                new RemoteProtocolException("Keystone answered without X-Subject-Token", null));
        try {
            JsonObject t = JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("token");
            Instant expires = Instant.parse(t.get("expires_at").getAsString());
            return new Token(value, expires, t.getAsJsonArray("catalog"));
        } catch (RuntimeException e) {
            throw new RemoteProtocolException("unreadable Keystone token: " + e.getMessage(), e);
        }
    }
}
