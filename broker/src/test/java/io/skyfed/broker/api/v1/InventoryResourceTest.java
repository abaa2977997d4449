package io.skyfed.broker.api.v1;

import static io.restassured.RestAssured.given;
import static io.skyfed.broker.api.v1.ProvidersResourceTest.problem;
import static io.skyfed.broker.api.v1.ProvidersResourceTest.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InventoryResourceTest {

    @Test
    void instancesOfTheMockProviderCarryTheirProviderAndLocation() {
        given().queryParam("provider", "mock").get("/v1/inventory/instances").then().statusCode(200)
                .body("items.id", hasItems("inst0", "inst1"))
                .body("items.where.provider", everyItem(equalTo("mock")))
                .body("items.where.driver", everyItem(equalTo("mock")))
                .body("items.where.location", everyItem(equalTo("on-premise")))
                .body("items.find { it.id == 'inst0' }.state", equalTo("running"))
                .body("items.find { it.id == 'inst0' }.realm", equalTo("us"))
                .body("items.find { it.id == 'inst0' }.hardwareProfile", equalTo("m1-large"))
                .body("providers.provider", equalTo(List.of("mock")))
                .body("providers[0].refreshedAt", notNullValue())
                .body("providers[0].stale", equalTo(false))
                .body("providers[0].error", nullValue());
    }

    @Test
    void imagesAndHardwareProfilesAreFederatedToo() {
        given().queryParam("provider", "mock").queryParam("architecture", "x86_64").get("/v1/inventory/images")
                .then().statusCode(200)
                .body("items.id", equalTo(List.of("img2", "img3")))
                .body("items.where.provider", everyItem(equalTo("mock")));
        given().queryParam("provider", "mock").get("/v1/inventory/hardware-profiles").then().statusCode(200)
                .body("items.id", hasItems("m1-small", "m1-large", "opaque"))
                .body("items.find { it.id == 'm1-large' }.properties.find { it.name == 'memory' }.kind",
                        equalTo("range"))
                .body("items.find { it.id == 'm1-large' }.properties.find { it.name == 'memory' }.first",
                        equalTo("7680"))
                .body("items.find { it.id == 'm1-large' }.properties.find { it.name == 'storage' }.values",
                        equalTo(List.of("850", "1024")));
    }

    @Test
    void filtersByStateNameAndLocation() {
        given().queryParam("provider", "mock").queryParam("state", "running").get("/v1/inventory/instances")
                .then().statusCode(200).body("items.id", hasItems("inst0", "inst1"))
                .body("items.state", everyItem(equalTo("running")));
        given().queryParam("provider", "mock").queryParam("state", "stopped").get("/v1/inventory/instances")
                .then().statusCode(200).body("items.id", not(hasItem("inst0")));
        given().queryParam("provider", "mock").queryParam("q", "USERINST").get("/v1/inventory/instances")
                .then().statusCode(200).body("items.id", equalTo(List.of("inst1")));
        given().queryParam("provider", "mock").queryParam("location", "public").get("/v1/inventory/instances")
                .then().statusCode(200).body("items", empty()).body("providers", empty());
    }

    @Test
    void pagesWalkEveryItemOnce() {
        String name = uniqueName();
        createMock(name, "{\"seed-instances\": \"7\"}", "mockpassword");
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("provider", name).queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/v1/inventory/instances").then().statusCode(200).extract();
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);

        List<String> all = given().queryParam("provider", name).queryParam("limit", 500)
                .get("/v1/inventory/instances").then().statusCode(200).extract().path("items.id");
        assertThat(all).hasSizeGreaterThanOrEqualTo(7);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(all);
        given().delete("/v1/providers/" + name).then().statusCode(204);
    }

    @Test
    void aFailingProviderIsReportedWithoutHidingTheOthers() {
        String name = uniqueName();
        createMock(name, "{}", "wrong-password-for-inventory");

        given().get("/v1/inventory/instances?limit=500").then().statusCode(200)
                .body("items.where.provider", hasItem("mock"))
                .body("items.where.provider", not(hasItem(name)))
                .body("providers.find { it.provider == '" + name + "' }.error",
                        containsString("AuthenticationFailedException"))
                .body("providers.find { it.provider == '" + name + "' }.stale", equalTo(true))
                .body(not(containsString("wrong-password-for-inventory")));
        given().get("/v1/providers/" + name).then().statusCode(200).body("health.state", equalTo("DOWN"));
        given().delete("/v1/providers/" + name).then().statusCode(204);
    }

    @Test
    void refreshesOneProviderOnDemand() {
        given().post("/v1/inventory/providers/mock/refresh").then().statusCode(200)
                .body("provider", equalTo("mock")).body("stale", equalTo(false));
        given().get("/v1/inventory/providers").then().statusCode(200).body("provider", hasItem("mock"));
        problem(given().post("/v1/inventory/providers/nope/refresh").then(), 404, "not-found");
    }

    @Test
    void rejectsUnknownAndBadParameters() {
        problem(given().queryParam("colour", "red").get("/v1/inventory/instances").then(), 400, "invalid-request")
                .body("errors[0].field", equalTo("colour"));
        problem(given().queryParam("architecture", "x86_64").get("/v1/inventory/instances").then(), 400,
                "invalid-request");
        problem(given().queryParam("location", "moon").get("/v1/inventory/images").then(), 400, "invalid-request")
                .body("errors[0].field", equalTo("location"));
        problem(given().queryParam("limit", "-1").get("/v1/inventory/hardware-profiles").then(), 400,
                "invalid-request");
        problem(given().queryParam("provider", "a").queryParam("provider", "b").get("/v1/inventory/images").then(),
                400, "invalid-request");
    }

    @Test
    void checksConnectionsOnDemand() {
        given().get("/v1/providers/mock/health").then().statusCode(200)
                .body("state", equalTo("UP")).body("latencyMillis", notNullValue());
        given().contentType(ContentType.JSON)
                .body("{\"driver\":\"mock\",\"credentials\":{\"user\":\"mockuser\",\"secret\":\"nope\"}}")
                .post("/v1/providers/test-connection").then().statusCode(200)
                .body("state", equalTo("DOWN")).body("error", containsString("AuthenticationFailed"))
                .body(not(containsString("\"nope\"")));
        given().contentType(ContentType.JSON)
                .body("{\"driver\":\"mock\",\"credentials\":{\"user\":\"mockuser\",\"secret\":\"mockpassword\"}}")
                .post("/v1/providers/test-connection").then().statusCode(200).body("state", equalTo("UP"));
        problem(given().contentType(ContentType.JSON).body("{\"driver\":\"no-such-driver\"}")
                .post("/v1/providers/test-connection").then(), 400, "invalid-request")
                .body("errors[0].field", equalTo("driver"));
    }

    @Test
    void unknownDriversAreRejectedOnCreate() {
        problem(given().contentType(ContentType.JSON).body("{\"name\":\"" + uniqueName()
                + "\",\"driver\":\"no-such-driver\"}").post("/v1/providers").then(), 400, "invalid-request")
                .body("errors[0].field", equalTo("driver"))
                .body("errors[0].message", containsString("mock"));
    }

    static void createMock(String name, String properties, String secret) {
        given().contentType(ContentType.JSON).body("""
                {"name": "%s", "driver": "mock", "properties": %s,
                 "credentials": {"user": "mockuser", "secret": "%s"}}
                """.formatted(name, properties, secret)).post("/v1/providers").then().statusCode(201);
    }
}
