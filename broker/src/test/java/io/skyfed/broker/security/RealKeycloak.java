package io.skyfed.broker.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyfed.broker.testing.Canaries;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The Keycloak that deploy/keycloak/start-keycloak.sh runs (CI's .ci/run starts it): its issuer, and access tokens
 * of the test users of deploy/keycloak/skyfed-test-users.json, minted with the password grant of the test-only
 * client {@code skyfed-test}.
 */
final class RealKeycloak {

    /** Where the script serves the realm; SKYFED_TEST_KEYCLOAK_URL (or the system property) moves it. */
    static final String BASE = System.getProperty("skyfed.test.keycloak-url",
            System.getenv().getOrDefault("SKYFED_TEST_KEYCLOAK_URL", "http://127.0.0.1:8180"));
    static final String ISSUER = BASE + "/realms/skyfed";
    /** The overlay's test-only password, public on purpose; the secret-leak scan looks for it too. */
    static final String TEST_PASSWORD = "skyfed-test-password-1";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private RealKeycloak() {
    }

    /** Fails (never skips) with how to start Keycloak when the realm is not served. */
    static void requireRunning() {
        String hint = "; start it with deploy/keycloak/start-keycloak.sh (CI's .ci/run does) or point "
                + "SKYFED_TEST_KEYCLOAK_URL at one serving the skyfed realm with the test users";
        try {
            HttpResponse<String> discovery = HTTP.send(HttpRequest.newBuilder(
                    URI.create(ISSUER + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (discovery.statusCode() != 200) {
                throw new AssertionError("Keycloak at " + BASE + " answers " + discovery.statusCode()
                        + " for the skyfed realm" + hint);
            }
        } catch (IOException e) {
            throw new AssertionError("no Keycloak at " + BASE + " (" + e + ")" + hint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** An access token of {@code user}, registered for the secret-leak scan of the suite's logs. */
    static String token(String user) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=skyfed-test&username=" + encode(user) + "&password="
                + encode(TEST_PASSWORD);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(ISSUER + "/protocol/openid-connect/token")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("Keycloak refused a token for " + user + ": " + response.statusCode() + " "
                    + response.body());
        }
        return Canaries.register(JSON.readTree(response.body()).get("access_token").asText());
    }

    /** The claims of a token, decoded without verification (the broker verifies; tests only look). */
    static JsonNode claims(String token) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
