package io.skyfed.broker.api.v1;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.skyfed.broker.testing.Canaries;
import io.skyfed.broker.testing.Db;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProvidersResourceTest {

    private static final String SECRET = Canaries.secret();

    @Test
    void theEmbeddedMockProviderComesFromConfiguration() {
        given().get("/v1/providers/mock").then().statusCode(200)
                .body("name", equalTo("mock"))
                .body("driver", equalTo("mock"))
                .body("location", equalTo("on-premise"))
                .body("source", equalTo("configuration"))
                .body("credentials.user", equalTo("mockuser"))
                .body("credentials.secretStored", equalTo(true))
                .body("credentials.secret", nullValue())
                .body(not("mockpassword"));
    }

    @Test
    void createGetUpdateDelete() {
        String name = uniqueName();
        given().contentType(ContentType.JSON).body(provider(name, "mock", SECRET))
                .post("/v1/providers").then().statusCode(201)
                .header("Location", endsWith("/v1/providers/" + name))
                .body("name", equalTo(name))
                .body("location", equalTo("public"))
                .body("region", equalTo("eu-west-1"))
                .body("properties.tier", equalTo("gold"))
                .body("source", equalTo("api"))
                .body("credentials.user", equalTo("alice"))
                .body("credentials.secretStored", equalTo(true))
                .body(not(SECRET));

        given().get("/v1/providers/" + name).then().statusCode(200).body("version", equalTo(0)).body(not(SECRET));

        // Update without credentials keeps them.
        given().contentType(ContentType.JSON)
                .body("{\"driver\":\"mock\",\"location\":\"on-premise\",\"enabled\":false}")
                .put("/v1/providers/" + name).then().statusCode(200)
                .body("location", equalTo("on-premise"))
                .body("enabled", equalTo(false))
                .body("region", nullValue())
                .body("credentials.user", equalTo("alice"))
                .body("version", equalTo(1));

        given().delete("/v1/providers/" + name).then().statusCode(204);
        given().get("/v1/providers/" + name).then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:skyfed:problem:not-found"));
        assertThat(Db.scalar("select count(*) from audit_event where target_type = 'provider' and target_id = '"
                + name + "'", Long.class)).isEqualTo(3L);
    }

    @Test
    void ifMatchRefusesChangesBasedOnAStaleRead() {
        String name = uniqueName();
        given().contentType(ContentType.JSON).body(provider(name, "mock", SECRET))
                .post("/v1/providers").then().statusCode(201).header("ETag", equalTo("\"0\""));
        String read = given().get("/v1/providers/" + name).then().statusCode(200).extract().header("ETag");
        assertThat(read).isEqualTo("\"0\"");

        // Someone else changes it first...
        String changed = given().contentType(ContentType.JSON).header("If-Match", read)
                .body("{\"driver\":\"mock\",\"location\":\"public\",\"region\":\"eu-north-1\"}")
                .put("/v1/providers/" + name).then().statusCode(200).header("ETag", equalTo("\"1\""))
                .extract().header("ETag");
        // ...so a change based on the first read is refused, and loses nothing.
        problem(given().contentType(ContentType.JSON).header("If-Match", read)
                .body("{\"driver\":\"mock\",\"location\":\"on-premise\"}")
                .put("/v1/providers/" + name).then(), 412, "precondition-failed");
        problem(given().header("If-Match", read).delete("/v1/providers/" + name).then(), 412, "precondition-failed");
        given().get("/v1/providers/" + name).then().statusCode(200)
                .body("region", equalTo("eu-north-1")).body("location", equalTo("public"));

        problem(given().header("If-Match", "W/" + changed).delete("/v1/providers/" + name).then(), 400,
                "invalid-request");
        problem(given().header("If-Match", "\"seven\"").delete("/v1/providers/" + name).then(), 400,
                "invalid-request");
        given().header("If-Match", changed).delete("/v1/providers/" + name).then().statusCode(204);
    }

    @Test
    void credentialsAreSealedAtRestAndReplacedSecretsAreDestroyed() {
        String name = uniqueName();
        given().contentType(ContentType.JSON).body(provider(name, "mock", SECRET)).post("/v1/providers")
                .then().statusCode(201);
        String firstSecret = Db.scalar("select credential_secret::text from provider where name = '" + name + "'",
                String.class);

        assertThat(Db.scalar("select count(*) from secret where id = '" + firstSecret + "' and position("
                + "convert_to('" + SECRET + "', 'UTF8') in ciphertext) = 0", Long.class)).isEqualTo(1L);
        assertThat(Db.scalar("select count(*) from provider where name = '" + name + "' and (provider::text like '%"
                + SECRET + "%')", Long.class)).isZero();

        given().contentType(ContentType.JSON).body(provider(name, "mock", SECRET + "-2"))
                .put("/v1/providers/" + name).then().statusCode(200);
        assertThat(Db.scalar("select count(*) from secret where id = '" + firstSecret + "'", Long.class)).isZero();

        given().delete("/v1/providers/" + name).then().statusCode(204);
        assertThat(Db.scalar("select count(*) from provider p join secret s on s.id = p.credential_secret "
                + "where p.name = '" + name + "'", Long.class)).isZero();
    }

    @Test
    void listsPageByPage() {
        String prefix = "page-" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body(provider(prefix + "-" + i, "mock", SECRET))
                    .post("/v1/providers").then().statusCode(201);
        }
        String cursor = given().queryParam("limit", 1).get("/v1/providers").then().statusCode(200)
                .body("items", hasSize(1)).body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        given().queryParam("limit", 500).queryParam("cursor", cursor).get("/v1/providers").then().statusCode(200)
                .body("items.name", hasItem(prefix + "-0"))
                .body("nextCursor", nullValue());
        for (int i = 0; i < 3; i++) {
            given().delete("/v1/providers/" + prefix + "-" + i).then().statusCode(204);
        }
    }

    @Test
    void configuredProvidersAreReadOnlyThroughTheApi() {
        problem(given().contentType(ContentType.JSON).body("{\"driver\":\"mock\"}").put("/v1/providers/mock")
                .then(), 409, "conflict").body("detail", containsString("defined in configuration"));
        problem(given().delete("/v1/providers/mock").then(), 409, "conflict");
        given().get("/v1/providers/mock").then().statusCode(200);
    }

    @Test
    void duplicateNamesConflict() {
        problem(given().contentType(ContentType.JSON).body(provider("mock", "mock", SECRET)).post("/v1/providers")
                .then(), 409, "conflict").body("detail", containsString("already exists"));
    }

    @Test
    void theDriverOfAProviderCannotChange() {
        String name = uniqueName();
        given().contentType(ContentType.JSON).body(provider(name, "mock", SECRET)).post("/v1/providers")
                .then().statusCode(201);
        problem(given().contentType(ContentType.JSON).body("{\"driver\":\"ec2\"}").put("/v1/providers/" + name)
                .then(), 409, "conflict");
        assertThat(Db.scalar("select explanation from audit_event where target_id = '" + name
                + "' and action = 'provider.update' and outcome = 'FAILURE'", String.class))
                .as("refused changes are audited").contains("cannot change");
        given().delete("/v1/providers/" + name).then().statusCode(204);
    }

    @Test
    void unknownProvidersAre404() {
        problem(given().get("/v1/providers/nope-" + UUID.randomUUID().toString().substring(0, 8)).then(), 404,
                "not-found");
        problem(given().contentType(ContentType.JSON).body("{\"driver\":\"mock\"}").put("/v1/providers/nope").then(),
                404, "not-found");
        problem(given().delete("/v1/providers/nope").then(), 404, "not-found");
    }

    @Test
    void rejectsUnknownFieldsWithoutQuotingValues() {
        invalid("{\"name\":\"x1\",\"driver\":\"mock\",\"pasword\":\"" + SECRET + "\"}", "pasword")
                .body("errors[0].message", containsString("unknown field"));
    }

    @Test
    void rejectsWrongTypesAndCoercions() {
        invalid("{\"name\":\"x1\",\"driver\":\"mock\",\"enabled\":\"yes\"}", "enabled")
                .body("errors[0].message", equalTo("expected true or false"));
        invalid("{\"name\":\"x1\",\"driver\":\"mock\",\"enabled\":1}", "enabled");
        invalid("{\"name\":7,\"driver\":\"mock\"}", "name").body("errors[0].message", equalTo("expected a string"));
        invalid("{\"name\":\"x1\",\"driver\":\"mock\",\"properties\":[]}", "properties");
        invalid("{\"name\":\"x1\",\"driver\":\"mock\",\"properties\":{\"a\":1}}", "properties.a");
        invalid("{\"name\":\"x1\",\"driver\":\"mock\",\"credentials\":{\"user\":\"u\",\"secret\":12345678}}",
                "credentials.secret").body(not("12345678"));
        invalid("[]", "body");
    }

    @Test
    void rejectsMalformedAndHostileBodies() {
        invalid("{\"name\":\"x1\",\"driver\":\"mock\",\"credentials\":{\"user\":\"u\",\"secret\":\"" + SECRET
                + "\"", "body").body("errors[0].message", containsString("malformed JSON")).body(not(SECRET));
        invalid("{\"name\":\"x1\",\"name\":\"x2\",\"driver\":\"mock\"}", "body");
        invalid("{\"name\":\"x1\",\"driver\":\"mock\"} {}", "body");
        invalid("", "body");
        invalid("null", "body");
        String huge = "{\"name\":\"x1\",\"driver\":\"mock\",\"region\":\"" + "r".repeat(70_000) + "\"}";
        problem(given().contentType(ContentType.JSON).body(huge).post("/v1/providers").then(), 413,
                "payload-too-large");
    }

    @Test
    void validatesValues() {
        invalid("{\"name\":\"Bad Name\",\"driver\":\"mock\"}", "name");
        invalid("{\"name\":\"x1\"}", "driver").body("errors[0].message", equalTo("must not be null"));
        invalid("{\"driver\":\"mock\"}", "name").body("errors[0].message", equalTo("is required"));
        invalid("{\"name\":\"x1\",\"driver\":\"mock\",\"location\":\"moon\"}", "location");
        invalid("{\"name\":\"x1\",\"driver\":\"mock\",\"endpoint\":\"not a uri\"}", "endpoint");
        invalid("{\"name\":\"x1\",\"driver\":\"mock\",\"endpoint\":\"https://u:p@host/\"}", "endpoint");
        invalid("{\"name\":\"x1\",\"driver\":\"mock\",\"credentials\":{\"user\":\"u\"}}", "credentials.secret");
        given().contentType(ContentType.JSON).body("{\"name\":\"other\",\"driver\":\"mock\"}")
                .put("/v1/providers/mock").then().statusCode(400).body("errors[0].field", equalTo("name"));
        given().get("/v1/providers/x-none").then().statusCode(404);
    }

    @Test
    void validatesPagingParameters() {
        problem(given().queryParam("limit", "ten").get("/v1/providers").then(), 400, "invalid-request")
                .body("errors[0].field", equalTo("limit"));
        problem(given().queryParam("limit", 0).get("/v1/providers").then(), 400, "invalid-request");
        problem(given().queryParam("limit", 501).get("/v1/providers").then(), 400, "invalid-request");
        problem(given().queryParam("cursor", "%%%").get("/v1/providers").then(), 400, "invalid-request")
                .body("errors[0].field", equalTo("cursor"));
        problem(given().queryParam("cursor", "Zm9v").get("/v1/providers").then(), 400, "invalid-request");
    }

    @Test
    void rejectsOtherMediaTypes() {
        given().contentType(ContentType.XML).body("<provider/>").post("/v1/providers").then().statusCode(415);
    }

    private static ValidatableResponse invalid(String body, String field) {
        return problem(given().contentType(ContentType.JSON).body(body).post("/v1/providers").then(), 400,
                "invalid-request").body("errors[0].field", equalTo(field));
    }

    static ValidatableResponse problem(ValidatableResponse response, int status, String type) {
        return response.statusCode(status)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(status))
                .body("type", equalTo("urn:skyfed:problem:" + type))
                .body("title", notNullValue());
    }

    static String provider(String name, String driver, String secret) {
        return """
                {"name": "%s", "driver": "%s", "location": "public", "region": "eu-west-1",
                 "properties": {"tier": "gold"}, "credentials": {"user": "alice", "secret": "%s"}}
                """.formatted(name, driver, secret);
    }

    static String uniqueName() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Matches a body that does not contain {@code text} anywhere. */
    static org.hamcrest.Matcher<?> not(String text) {
        return org.hamcrest.Matchers.not(containsString(text));
    }
}
