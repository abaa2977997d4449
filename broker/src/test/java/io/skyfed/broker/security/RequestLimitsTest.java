package io.skyfed.broker.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.path.xml.XmlPath;
import org.junit.jupiter.api.Test;

/**
 * Oversized requests are refused before the broker reads them: 431 for headers, 414 for URLs, 413 for bodies, each
 * with a body the client can read (a problem, or a Deltacloud error on /api). Past the HTTP layer's own caps the
 * answer is a bare status.
 */
@QuarkusTest
class RequestLimitsTest {

    @Test
    void headersPastTheLimitAre431WithAProblem() throws Exception {
        String answer = RawHttp.exchange(RestAssured.port, "GET /v1/providers HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Padding: " + "a".repeat(17 * 1024));
        assertThat(RawHttp.status(answer)).as(answer).isEqualTo(431);
        assertProblem(answer, "urn:skyfed:problem:headers-too-large", 431);
    }

    @Test
    void headersPastTheHttpLayersCapAreStill431() throws Exception {
        String answer = RawHttp.exchange(RestAssured.port, "GET /v1/providers HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Padding: " + "a".repeat(80 * 1024));
        assertThat(RawHttp.status(answer)).as(answer).isEqualTo(431);
    }

    @Test
    void aRequestLinePastTheLimitIs414WithAProblem() throws Exception {
        String answer = RawHttp.exchange(RestAssured.port, "GET /v1/providers?pad=" + "a".repeat(5000)
                + " HTTP/1.1\r\nHost: localhost");
        assertThat(RawHttp.status(answer)).as(answer).isEqualTo(414);
        assertProblem(answer, "urn:skyfed:problem:uri-too-long", 414);
    }

    @Test
    void aDeltacloudRequestLinePastTheLimitIs414WithAnErrorDocument() throws Exception {
        String answer = RawHttp.exchange(RestAssured.port, "GET /api/instances?pad=" + "a".repeat(5000)
                + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/xml");
        assertThat(RawHttp.status(answer)).as(answer).isEqualTo(414);
        XmlPath error = new XmlPath(body(answer));
        assertThat(error.getString("error.@status")).isEqualTo("414");
        assertThat(error.getString("error.message")).contains("request line");
    }

    @Test
    void aBodyAnnouncedPastTheLimitIs413BeforeItIsSent() throws Exception {
        String answer = RawHttp.exchange(RestAssured.port, "PUT /api/buckets/photos/big HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: Basic bW9ja3VzZXI6bW9ja3Bhc3N3b3Jk\r\nAccept: application/json\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Length: " + (65L * 1024 * 1024));
        assertThat(RawHttp.status(answer)).as(answer).isEqualTo(413);
        assertThat(JsonPath.from(body(answer)).getString("error.message")).contains("request body");
    }

    @Test
    void aNativeApiBodyAnnouncedPastTheLimitIs413WithAProblem() throws Exception {
        String answer = RawHttp.exchange(RestAssured.port, "POST /v1/providers HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + (65L * 1024 * 1024));
        assertThat(RawHttp.status(answer)).as(answer).isEqualTo(413);
        assertProblem(answer, "urn:skyfed:problem:payload-too-large", 413);
    }

    private static void assertProblem(String answer, String type, int status) {
        assertThat(answer.toLowerCase()).as(answer).contains("content-type: application/problem+json");
        JsonPath problem = JsonPath.from(body(answer));
        assertThat(problem.getString("type")).isEqualTo(type);
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("detail")).contains("at most");
    }

    private static String body(String answer) {
        return answer.substring(answer.indexOf("\r\n\r\n") + 4);
    }
}
