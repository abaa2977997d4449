package io.skyfed.broker.api.deltacloud;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.skyfed.broker.Version;
import org.junit.jupiter.api.Test;

import static io.skyfed.broker.api.deltacloud.DeltacloudApi.anonymous;
import static io.skyfed.broker.api.deltacloud.DeltacloudApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class EntryPointTest {

    private static final String P = "entry";

    @Test
    void describesTheDefaultDriverWithoutCredentials() {
        anonymous(P).get("/api").then().statusCode(200)
                .contentType("application/xml")
                .header("Server", "Apache-Deltacloud/" + Version.DELTACLOUD_API)
                .header("X-Deltacloud-Driver", "mock")
                .header("ETag", startsWith("\""))
                .body("api.@driver", equalTo("mock"))
                .body("api.@version", equalTo(Version.DELTACLOUD_API))
                .body("api.link.@rel", hasItems("instances", "images", "realms", "hardware_profiles", "keys",
                        "storage_volumes", "storage_snapshots", "buckets", "addresses", "firewalls", "load_balancers",
                        "metrics", "drivers", "instance_states"))
                .body("api.link.@href", everyItem(startsWith("http://")))
                .body("api.link.find { it.@rel == 'instances' }.feature.@name", hasItems("user_name", "authentication_key", "firewalls"));
    }

    @Test
    void speaksJsonWithAnExactContentType() {
        Response byAccept = anonymous(P).accept("application/json").get("/api");
        assertThat(byAccept.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(byAccept.jsonPath().getString("api.driver")).isEqualTo("mock");
        assertThat(byAccept.jsonPath().getList("api.links.rel")).contains("instances");
        Response byParameter = RestAssured.given().get("/api?format=json");
        assertThat(byParameter.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(RestAssured.given().accept("*/*; q=0.5, application/xml").get("/api").getHeader("Content-Type"))
                .isEqualTo("application/xml");
    }

    @Test
    void takesProviderAndDriverFromMatrixParameters() {
        RestAssured.given().urlEncodingEnabled(false).get("/api;driver=mock;provider=test1").then().statusCode(200)
                .body("api.@provider", equalTo("test1")).header("X-Deltacloud-Provider", "test1");
        RestAssured.given().header("X-Deltacloud-Provider", "test2").get("/api").then()
                .body("api.@provider", equalTo("test2"));
    }

    @Test
    void refusesUnknownDriversWithAnErrorBody() {
        RestAssured.given().header("X-Deltacloud-Driver", "nosuch").get("/api").then().statusCode(400)
                .body("error.@status", equalTo("400"))
                .body("error.message", equalTo("unknown driver 'nosuch'; see /api/drivers"))
                .body("error.parameter", equalTo("driver"));
        RestAssured.given().urlEncodingEnabled(false).accept("application/json").get("/api;driver=nosuch").then().statusCode(400)
                .contentType("application/json").body("error.code", equalTo("400"));
    }

    @Test
    void forceAuthChecksCredentials() {
        anonymous(P).get("/api?force_auth=1").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Basic"))
                .header("X-Deltacloud-Driver", "mock");
        anonymous(P).auth().preemptive().basic("mockuser", "wrong").get("/api?force_auth=1").then().statusCode(401);
        as(P).header("X-Deltacloud-Driver", "mock").get("/api?force_auth=1").then().statusCode(200);
    }

    @Test
    void answersConditionalRequestsWithNotModified() {
        String etag = anonymous(P).get("/api").getHeader("ETag");
        anonymous(P).header("If-None-Match", etag).get("/api").then().statusCode(304).header("ETag", etag);
        String json = anonymous(P).accept("application/json").get("/api").getHeader("ETag");
        assertThat(json).isNotEqualTo(etag);
    }

    @Test
    void listsEveryDriverWithoutCredentials() {
        RestAssured.given().get("/api/drivers").then().statusCode(200)
                .body("drivers.driver.@id", DeltacloudApi.containsItem("mock"))
                .body("drivers.driver.find { it.@id == 'mock' }.name", equalTo("Mock"));
        RestAssured.given().get("/api/drivers/mock").then().statusCode(200).body("driver.@id", equalTo("mock"));
        RestAssured.given().get("/api/drivers/nosuch").then().statusCode(404).body("error.code", equalTo("404"));
    }

    @Test
    void listsDriversInJsonKeyedByIdAsTheReferenceServerDoes() {
        RestAssured.given().accept("application/json").get("/api/drivers").then().statusCode(200)
                .contentType("application/json")
                .body("mock.name", equalTo("Mock"))
                .body("mock.id", equalTo("mock"))
                .body("drivers", org.hamcrest.Matchers.nullValue());
        RestAssured.given().accept("application/json").get("/api/drivers/mock").then().statusCode(200)
                .body("driver.id", equalTo("mock"));
    }

    @Test
    void rendersTheInstanceStateMachineInJsonAsABareArray() {
        var json = RestAssured.given().accept("application/json").get("/api/instance_states");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.asString()).startsWith("[");
        assertThat(json.jsonPath().getList("name")).contains("start", "pending", "running", "stopped", "finish");
        assertThat(json.jsonPath().getList("find { it.name == 'pending' }.transitions.auto")).contains("true");
        assertThat(json.jsonPath().getList("find { it.name == 'running' }.transitions.action"))
                .contains("stop", "reboot", "destroy");
    }

    @Test
    void rendersTheInstanceStateMachine() {
        RestAssured.given().get("/api/instance_states").then().statusCode(200)
                .body("states.state.@name", hasItems("start", "pending", "running", "stopping", "stopped", "finish"))
                .body("states.state.find { it.@name == 'pending' }.transition.@auto", DeltacloudApi.containsItem("true"))
                .body("states.state.find { it.@name == 'running' }.transition.@action", hasItems("stop", "reboot", "destroy"))
                .body("states.state.find { it.@name == 'stopped' }.transition.@action", not(DeltacloudApi.containsItem("stop")));
    }
}
