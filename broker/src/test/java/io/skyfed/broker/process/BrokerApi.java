package io.skyfed.broker.process;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** The few /v1 calls the process-level workflow tests make, over plain HTTP. */
final class BrokerApi {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

    private BrokerApi() {
    }

    static JsonNode post(BrokerProcess broker, String path, Map<String, Object> body, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(broker.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new AssertionError("POST " + path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static JsonNode get(BrokerProcess broker, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(broker.uri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static String register(BrokerProcess broker, String name, String provider, String instance) throws Exception {
        return post(broker, "/v1/workloads", Map.of("name", name, "provider", provider, "instanceId", instance), 201)
                .get("id").asText();
    }

    static String migrate(BrokerProcess broker, String workload, String target) throws Exception {
        return migrate(broker, workload, target, "cold");
    }

    /** Requests a migration in {@code mode} (cold or warm); returns its job id. */
    static String migrate(BrokerProcess broker, String workload, String target, String mode) throws Exception {
        return post(broker, "/v1/migrations", Map.of("workload", workload, "target", target, "mode", mode), 202)
                .get("id").asText();
    }

    /** Polls the job until it ends, or fails the test at the deadline. */
    static JsonNode awaitEnd(BrokerProcess broker, String job, Duration timeout) throws Exception {
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).failFast(() -> !broker.alive())
                .until(() -> TERMINAL.contains(get(broker, "/v1/jobs/" + job).get("state").asText()));
        return get(broker, "/v1/jobs/" + job);
    }
}
