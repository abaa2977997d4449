package io.skyfed.broker.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packaged broker starts on an empty database (Flyway migrates it) and serves both APIs. */
class PackagedBrokerIT {

    @Test
    void startsOnAnEmptyDatabaseAndServesBothApis() throws Exception {
        String database = FreshDatabase.create("skyfed_it");
        try (BrokerProcess broker = BrokerProcess.start("smoke", database, Map.of())) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> providers = http.send(HttpRequest.newBuilder(broker.uri("/v1/providers")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(providers.statusCode()).isEqualTo(200);
            assertThat(providers.body()).contains("\"mock\"");
            HttpResponse<String> api = http.send(HttpRequest.newBuilder(broker.uri("/api?format=json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).isEqualTo(200);
            assertThat(api.body()).contains("\"driver\"");
        }
    }
}
