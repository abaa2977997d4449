package io.skyfed.broker.api.v1;

import static io.restassured.RestAssured.given;
import static io.skyfed.broker.api.v1.ProvidersResourceTest.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.skyfed.broker.testing.Canaries;
import io.skyfed.broker.testing.Db;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Walks every path a provider secret takes (create, read, update, connection checks that fail, inventory reads
 * that fail, rejected bodies) and proves the secret appears in no response, no log record and no readable column.
 */
@QuarkusTest
class SecretsNeverLeakTest {

    private final String secret = Canaries.secret();
    private final String replacement = Canaries.secret();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringWriter text = new StringWriter();
            text.append(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    text.append(' ').append(String.valueOf(parameter));
                }
            }
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(text));
            }
            logged.add(text.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void aProviderSecretAppearsNowhere() {
        String name = uniqueName();
        String body = """
                {"name": "%s", "driver": "mock", "credentials": {"user": "mockuser", "secret": "%s"}}
                """.formatted(name, secret);

        given().contentType(ContentType.JSON).body(body).post("/v1/providers").then().statusCode(201)
                .body(not(containsString(secret)));
        given().get("/v1/providers/" + name).then().statusCode(200).body(not(containsString(secret)));
        given().get("/v1/providers?limit=500").then().statusCode(200).body(not(containsString(secret)));
        given().get("/v1/providers/" + name + "/health").then().statusCode(200)
                .body(not(containsString(secret)));
        given().post("/v1/inventory/providers/" + name + "/refresh").then().statusCode(200)
                .body(not(containsString(secret)));
        given().get("/v1/inventory/instances?limit=500").then().statusCode(200).body(not(containsString(secret)));
        given().contentType(ContentType.JSON).body(body.replace("\"name\"", "\"nmae\"")).post("/v1/providers")
                .then().statusCode(400).body(not(containsString(secret)));
        given().contentType(ContentType.JSON).body(body.replace("}}", "}")).post("/v1/providers")
                .then().statusCode(400).body(not(containsString(secret)));
        given().contentType(ContentType.JSON).body(body.replace("\"" + secret + "\"", "[\"" + secret + "\"]"))
                .post("/v1/providers").then().statusCode(400).body(not(containsString(secret)));
        given().contentType(ContentType.JSON).body(body).post("/v1/providers/test-connection").then()
                .statusCode(200).body(not(containsString(secret)));
        given().contentType(ContentType.JSON).body(body.replace(secret, replacement)).put("/v1/providers/" + name)
                .then().statusCode(200).body(not(containsString(replacement)));
        given().get("/q/health/ready").then().body(not(containsString(secret)));

        assertThat(logged).as("log records").isNotEmpty()
                .noneMatch(line -> line.contains(secret) || line.contains(replacement));
        assertThat(Db.scalar("select count(*) from (select p::text as row from provider p union all "
                + "select a::text from audit_event a union all select s::text from secret s) rows "
                + "where row like '%" + Canaries.MARKER + "%'", Long.class)).isZero();

        given().delete("/v1/providers/" + name).then().statusCode(204);
    }
}
