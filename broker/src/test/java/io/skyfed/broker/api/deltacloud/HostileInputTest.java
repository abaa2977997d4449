package io.skyfed.broker.api.deltacloud;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.skyfed.broker.api.deltacloud.DeltacloudApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Input that tries to break out of documents or past the checks. */
@QuarkusTest
class HostileInputTest {

    private static final String P = "hostile";

    @Test
    void markupInNamesIsEscapedInBothFormats() {
        String name = "</name><owner_id>root</owner_id>\"&'";
        Response created = as(P).contentType("application/x-www-form-urlencoded").formParam("image_id", "img1")
                .formParam("name", name).post("/api/instances");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.xmlPath().getString("instance.@id");
        as(P).get("/api/instances/" + id).then().body("instance.name", equalTo(name))
                .body("instance.owner_id", equalTo("mockuser"));
        assertThat(as(P).accept("application/json").get("/api/instances/" + id).jsonPath().getString("instance.name"))
                .isEqualTo(name);
    }

    @Test
    void malformedCredentialsAreUnauthorized() {
        RestAssured.given().header("Authorization", "Basic !!!notbase64").get("/api/realms").then().statusCode(401);
        RestAssured.given().header("Authorization", "Basic bm9jb2xvbg==").get("/api/realms").then().statusCode(401);
        RestAssured.given().header("Authorization", "Bearer x").get("/api/realms").then().statusCode(401);
    }

    @Test
    void badFormatIsABadRequest() {
        as(P).get("/api/realms?format=yaml").then().statusCode(400).contentType("application/xml")
                .body("error.parameter", equalTo("format"));
    }

    @Test
    void errorUrlsAreEscapedNotEchoedRaw() {
        Response r = as(P).get("/api/realms/%3Cscript%3E");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.asString()).doesNotContain("<script>");
    }
}
