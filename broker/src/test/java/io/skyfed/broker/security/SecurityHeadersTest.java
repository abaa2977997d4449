package io.skyfed.broker.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every answer of both APIs carries the security headers, errors included; /v1 answers are never cached. */
@QuarkusTest
class SecurityHeadersTest {

    @Test
    void nativeApiAnswersCarryThemAndAreNotStored() {
        for (Response response : List.of(given().get("/v1/providers"), given().get("/v1/providers/no-such-one"),
                given().contentType(ContentType.JSON).body("{\"nmae\":1}").post("/v1/providers"))) {
            assertSecurityHeaders(response);
            assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        }
    }

    @Test
    void deltacloudAnswersCarryThem() {
        assertSecurityHeaders(given().get("/api"));
        Response unauthorized = given().get("/api/instances");
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertSecurityHeaders(unauthorized);
    }

    @Test
    void noHstsOverPlainHttp() {
        assertThat(given().get("/v1/providers").header("Strict-Transport-Security")).isNull();
    }

    static void assertSecurityHeaders(Response response) {
        assertThat(response.header("X-Content-Type-Options")).as("nosniff on %s", response.statusLine())
                .isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
    }
}
