package io.skyfed.broker.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/** Oversized requests are refused before the broker reads them: 431 for headers, 414 for URLs, 413 for bodies. */
@QuarkusTest
class RequestLimitsTest {

    @Test
    void headersPastTheLimitAre431() throws Exception {
        String answer = RawHttp.exchange(RestAssured.port, "GET /v1/providers HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Padding: " + "a".repeat(17 * 1024));
        assertThat(RawHttp.status(answer)).as(answer).isEqualTo(431);
    }

    @Test
    void aRequestLinePastTheLimitIs414() throws Exception {
        String answer = RawHttp.exchange(RestAssured.port, "GET /v1/providers?pad=" + "a".repeat(5000)
                + " HTTP/1.1\r\nHost: localhost");
        assertThat(RawHttp.status(answer)).as(answer).isEqualTo(414);
    }

    @Test
    void aBodyAnnouncedPastTheLimitIs413BeforeItIsSent() throws Exception {
        String answer = RawHttp.exchange(RestAssured.port, "PUT /api/buckets/photos/big HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: Basic bW9ja3VzZXI6bW9ja3Bhc3N3b3Jk\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Length: " + (65L * 1024 * 1024));
        assertThat(RawHttp.status(answer)).as(answer).isEqualTo(413);
    }

    @Test
    void aNativeApiBodyAnnouncedPastTheLimitIs413() throws Exception {
        String answer = RawHttp.exchange(RestAssured.port, "POST /v1/providers HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + (65L * 1024 * 1024));
        assertThat(RawHttp.status(answer)).as(answer).isEqualTo(413);
    }
}
