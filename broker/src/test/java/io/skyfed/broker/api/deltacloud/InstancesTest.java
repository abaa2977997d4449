package io.skyfed.broker.api.deltacloud;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static io.skyfed.broker.api.deltacloud.DeltacloudApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class InstancesTest {

    private static final String P = "instances";

    private static String create(String... params) {
        var request = as(P).contentType("application/x-www-form-urlencoded");
        for (int i = 0; i < params.length; i += 2) {
            request = request.formParam(params[i], params[i + 1]);
        }
        Response created = request.post("/api/instances");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        String id = created.xmlPath().getString("instance.@id");
        assertThat(created.getHeader("Location")).startsWith("http://").endsWith("/api/instances/" + id);
        assertThat(created.xmlPath().getString("instance.state")).isEqualTo("PENDING");
        return id;
    }

    private static int count() {
        return as(P).get("/api/instances").xmlPath().getList("instances.instance").size();
    }

    @Test
    void goesThroughItsLifeCycle() {
        String id = create("image_id", "img1");
        as(P).get("/api/instances/" + id).then().statusCode(200)
                .body("instance.state", equalTo("RUNNING"))
                .body("instance.image.@id", equalTo("img1"))
                .body("instance.realm.@id", equalTo("us"))
                .body("instance.hardware_profile.@id", equalTo("m1-small"))
                .body("instance.public_addresses.address.@type", DeltacloudApi.containsItem("ipv4"))
                .body("instance.actions.link.@rel", hasItems("stop", "reboot", "destroy", "create_image"))
                .body("instance.actions.link.@href", hasItem(startsWith("http://")));

        as(P).post("/api/instances/" + id + "/start").then().statusCode(405).body("error.code", equalTo("405"));
        as(P).post("/api/instances/" + id + "/stop").then().statusCode(202).body("instance.state", equalTo("STOPPING"));
        as(P).get("/api/instances/" + id).then().body("instance.state", equalTo("STOPPED"))
                .body("instance.actions.link.@rel", not(DeltacloudApi.containsItem("stop")));
        as(P).post("/api/instances/" + id + "/start").then().statusCode(202);
        as(P).get("/api/instances/" + id).then().body("instance.state", equalTo("RUNNING"));
        as(P).post("/api/instances/" + id + "/reboot").then().statusCode(202);
        as(P).delete("/api/instances/" + id).then().statusCode(204);
        as(P).get("/api/instances/" + id).then().statusCode(404);
        as(P).delete("/api/instances/" + id).then().statusCode(404);
    }

    @Test
    void createsWithEveryOption() {
        String userData = Base64.getEncoder().encodeToString("#cloud-config\n".getBytes(StandardCharsets.UTF_8));
        String id = create("image_id", "img2", "realm_id", "eu", "hwp_id", "m1-large", "hwp_memory", "8192",
                "hwp_cpu", "2", "name", "web-1", "keyname", "test-key", "firewalls1", "web", "firewalls2", "default",
                "user_data", userData);
        as(P).get("/api/instances/" + id).then().statusCode(200)
                .body("instance.name", equalTo("web-1"))
                .body("instance.realm.@id", equalTo("eu"))
                .body("instance.hardware_profile.@id", equalTo("m1-large"))
                .body("instance.hardware_profile.property.find { it.@name == 'memory' }.@value", equalTo("8192"))
                .body("instance.authentication.login.keyname", equalTo("test-key"))
                .body("instance.firewalls.firewall.@id", hasItems("web", "default"));
    }

    @Test
    void refusesBadInputAndCreatesNothing() {
        int before = count();
        expect400("image_id", "no-such-image");
        expect400("image_id", "img1", "realm_id", "mars");
        expect400("image_id", "img1", "hwp_id", "m1-large");
        expect400("image_id", "img2", "hwp_id", "m1-large", "hwp_memory", "999999");
        expect400("image_id", "img2", "hwp_id", "m1-large", "hwp_cpu", "two");
        expect400("image_id", "img2", "hwp_memory", "8192");
        expect400("image_id", "img1", "keyname", "no-such-key");
        expect400("image_id", "img1", "firewalls1", "no-such-firewall");
        expect400("image_id", "img1", "user_data", "%%% not base64 %%%");
        expect400("realm_id", "us");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void capturesAnImageThroughTheMatrixLink() {
        String id = create("image_id", "img3");
        String link = as(P).get("/api/instances/" + id).xmlPath()
                .getString("instance.actions.link.find { it.@rel == 'create_image' }.@href");
        Response image = as(P).urlEncodingEnabled(false).contentType("application/x-www-form-urlencoded").formParam("name", "golden").post(link);
        assertThat(image.statusCode()).as(image.asString()).isEqualTo(201);
        String imageId = image.xmlPath().getString("image.@id");
        as(P).get("/api/images/" + imageId).then().body("image.name", equalTo("golden"))
                .body("image.owner_id", equalTo("mockuser"));
        as(P).delete("/api/images/" + imageId).then().statusCode(204);
        as(P).get("/api/images/" + imageId).then().statusCode(404);
        as(P).contentType("application/x-www-form-urlencoded").post("/api/images").then().statusCode(400)
                .body("error.parameter", equalTo("instance_id"));
    }

    @Test
    void refusesUnknownActionsAndMethods() {
        as(P).post("/api/instances/inst0/explode").then().statusCode(405).body("error.code", equalTo("405"));
        as(P).put("/api/instances/inst0").then().statusCode(405);
        as(P).post("/api/instances/no-such/stop").then().statusCode(404);
    }

    @Test
    void filtersByStateAndRealm() {
        as(P).get("/api/instances?realm_id=eu").then().body("instances.instance.realm.@id", not(DeltacloudApi.containsItem("us")));
        as(P).get("/api/instances?state=STOPPED").then().body("instances.instance.state", not(DeltacloudApi.containsItem("RUNNING")));
    }

    @Test
    void hidesOtherAccountsInstances() {
        as(P).get("/api/instances/inst3").then().statusCode(404);
    }

    @Test
    void refusesNonFormBodies() {
        as(P).contentType("application/json").body("{\"image_id\":\"img1\"}").post("/api/instances").then()
                .statusCode(415).body("error.code", equalTo("415"));
    }

    private static void expect400(String... params) {
        var request = as(P).contentType("application/x-www-form-urlencoded");
        for (int i = 0; i < params.length; i += 2) {
            request = request.formParam(params[i], params[i + 1]);
        }
        request.post("/api/instances").then().statusCode(400).body("error.@status", equalTo("400"))
                .body("error.message", not(equalTo("")));
    }
}
