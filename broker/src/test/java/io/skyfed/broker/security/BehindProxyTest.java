package io.skyfed.broker.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A broker behind a TLS-terminating proxy that forwards the client's address and scheme, with rate limits on:
 * each client has its own bucket, an empty one answers 429 with Retry-After and a problem body, and answers to
 * requests that came over TLS carry HSTS.
 */
@QuarkusTest
@TestProfile(BehindProxyTest.Profile.class)
class BehindProxyTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "skyfed.http.rate-limit.enabled", "true",
                    "skyfed.http.rate-limit.capacity", "3",
                    "skyfed.http.rate-limit.refill-tokens", "1",
                    "skyfed.http.rate-limit.refill-period", "1h");
        }
    }

    @Test
    void eachClientHasItsOwnBucketAndAnEmptyOneAnswers429() {
        String flooder = "203.0.113.7";
        for (int i = 0; i < 3; i++) {
            from(flooder).get("/v1/providers").then().statusCode(200);
        }
        Response refused = from(flooder).get("/v1/providers");
        refused.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("urn:skyfed:problem:too-many-requests")).body("status", equalTo(429));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3600L);
        SecurityHeadersTest.assertSecurityHeaders(refused);

        from(flooder).get("/api").then().statusCode(429);
        from(flooder).get("/q/health/ready").then().statusCode(200);
        from("198.51.100.9").get("/v1/providers").then().statusCode(200);
    }

    @Test
    void answersOverTlsCarryHsts() {
        Response overTls = from("192.0.2.10").header("X-Forwarded-Proto", "https").get("/v1/providers");
        assertThat(overTls.header("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");
        assertThat(from("192.0.2.11").get("/v1/providers").header("Strict-Transport-Security")).isNull();
    }

    private static io.restassured.specification.RequestSpecification from(String address) {
        return given().header("X-Forwarded-For", address);
    }
}
