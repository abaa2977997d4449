package io.skyfed.broker.federation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A driver's circuit breaker shows in the provider's health, the readiness check and a Prometheus gauge: here
 * the libvirt driver (it guards every call) against libvirt's test:// hypervisor, configured (the API accepts only
 * endpoints with a host).
 */
@QuarkusTest
@TestProfile(ProviderCircuitsTest.Profile.class)
class ProviderCircuitsTest {

    static final String NAME = "circuit-lab";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("skyfed.providers." + NAME + ".driver", "libvirt",
                    "skyfed.providers." + NAME + ".location", "on-premise",
                    "skyfed.providers." + NAME + ".endpoint", "test:///default",
                    "skyfed.cluster.poll-interval", "1s");
        }
    }

    @Test
    void theCircuitOfADriverThatKeepsOneIsShownEverywhere() {
        given().get("/v1/providers/" + NAME + "/health").then().statusCode(200)
                .body("state", equalTo("UP"))
                .body("circuit", equalTo("CLOSED"))
                .body("circuitFailures", equalTo(0));
        given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'providers' }.data.'" + NAME + "'", containsString("(circuit CLOSED)"));
        awaitMetric("skyfed_provider_circuit_state{provider=\"" + NAME + "\"} 0.0");
        // The mock driver keeps no breaker: nothing to show, rather than a made-up state.
        given().get("/v1/providers/mock/health").then().statusCode(200).body("circuit", nullValue());
    }

    /** The gauge appears once a replica's scheduler has seen the provider (every skyfed.cluster.poll-interval). */
    private static void awaitMetric(String line) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!given().get("/q/metrics").then().statusCode(200).extract().asString().contains(line)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no metric line " + line + " within 60 s");
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
    }
}
