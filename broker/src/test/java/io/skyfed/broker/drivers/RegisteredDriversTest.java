package io.skyfed.broker.drivers;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.skyfed.drivers.DriverRegistry;
import io.skyfed.drivers.azure.AzureStubs;
import io.skyfed.drivers.ec2.Ec2Stubs;
import io.skyfed.drivers.fakes.RecordedProvider;
import io.skyfed.drivers.google.GoogleStubs;
import io.skyfed.drivers.libvirt.LibvirtTestHost;
import io.skyfed.drivers.openstack.NovaStubs;
import io.skyfed.drivers.rhevm.OvirtStubs;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.vsphere.VsphereStubs;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every remote driver registered through {@code POST /v1/providers}, each against its provider's fake from the
 * drivers module (WireMock, built from the providers' documented formats; libvirt's test driver on a described
 * host), and its instances shown through the federated inventory and through the Deltacloud API, selected as
 * Deltacloud clients select them: {@code X-Deltacloud-Driver}, {@code X-Deltacloud-Provider} (the registered
 * provider's name) and the cloud's own credentials as HTTP Basic.
 */
@QuarkusTest
class RegisteredDriversTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DriverRegistry drivers;

    @Test
    void ec2() throws Exception {
        registeredThroughTheApiAndShownThroughBothApis(Ec2Stubs.recorded("broker-ec2"));
    }

    @Test
    void openstack() throws Exception {
        registeredThroughTheApiAndShownThroughBothApis(NovaStubs.recorded("broker-openstack"));
    }

    @Test
    void azure() throws Exception {
        registeredThroughTheApiAndShownThroughBothApis(AzureStubs.recorded("broker-azure"));
    }

    @Test
    void google() throws Exception {
        registeredThroughTheApiAndShownThroughBothApis(GoogleStubs.recorded("broker-google"));
    }

    @Test
    void vsphere() throws Exception {
        registeredThroughTheApiAndShownThroughBothApis(VsphereStubs.recorded("broker-vsphere"));
    }

    @Test
    void rhevm() throws Exception {
        registeredThroughTheApiAndShownThroughBothApis(OvirtStubs.recorded("broker-rhevm"));
    }

    @Test
    void libvirt() throws Exception {
        registeredThroughTheApiAndShownThroughBothApis(LibvirtTestHost.recorded("broker-libvirt"));
    }

    /** vSphere's volumes (First Class Disks) come through the VI JSON API: a provider without its release has none. */
    @Test
    void vsphereVolumesNeedTheViJsonRelease() throws Exception {
        try (RecordedProvider cloud = VsphereStubs.recorded("broker-vsphere-volumes")) {
            String plain = "vsphere-" + UUID.randomUUID().toString().substring(0, 8);
            String viJson = "vsphere-" + UUID.randomUUID().toString().substring(0, 8);
            given().contentType(ContentType.JSON).body(registration(plain, cloud, Map.of())).post("/v1/providers")
                    .then().statusCode(201);
            given().contentType(ContentType.JSON).body(registration(viJson, cloud,
                    Map.of("vi-json-release", "8.0.1.0"))).post("/v1/providers").then().statusCode(201);
            try {
                deltacloud(cloud, plain).get("/api/storage_volumes").then().statusCode(404)
                        .body("error.message", containsString("has no storage_volumes"));
                String volume = deltacloud(cloud, viJson).formParam("capacity", "1").formParam("name", "data-1")
                        .post("/api/storage_volumes").then().statusCode(201).extract().xmlPath()
                        .getString("storage_volume.@id");
                List<String> listed = deltacloud(cloud, viJson).get("/api/storage_volumes").then().statusCode(200)
                        .extract().xmlPath().getList("storage_volumes.storage_volume.@id");
                assertThat(listed).contains(volume);
                deltacloud(cloud, viJson).get("/api/storage_snapshots").then().statusCode(200);
                deltacloud(cloud, viJson).delete("/api/storage_volumes/" + volume).then().statusCode(204);
            } finally {
                given().delete("/v1/providers/" + plain).then().statusCode(204);
                given().delete("/v1/providers/" + viJson).then().statusCode(204);
            }
        }
    }

    private static RequestSpecification deltacloud(RecordedProvider cloud, String provider) {
        return given().accept("application/xml").header("X-Deltacloud-Driver", cloud.driver())
                .header("X-Deltacloud-Provider", provider)
                .auth().preemptive().basic(basicUser(cloud), cloud.credentials().secret());
    }

    private void registeredThroughTheApiAndShownThroughBothApis(RecordedProvider recorded) throws Exception {
        try (RecordedProvider cloud = recorded) {
            check(cloud);
        }
    }

    private void check(RecordedProvider cloud) {
        String name = cloud.driver() + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> expected;
        try (DriverSession direct = drivers.find(cloud.driver()).orElseThrow()
                .connect(cloud.credentials(), cloud.settings())) {
            expected = direct.instances().stream().map(Instance::id).toList();
        }
        assertThat(expected).as("the fake's seed data holds instances").isNotEmpty();

        given().contentType(ContentType.JSON).body(registration(name, cloud, Map.of())).post("/v1/providers")
                .then().statusCode(201).body("driver", equalTo(cloud.driver()));
        try {
            List<String> inventory = given().queryParam("provider", name).queryParam("limit", 500)
                    .get("/v1/inventory/instances").then().statusCode(200)
                    .body("items.where.driver", everyItem(equalTo(cloud.driver())))
                    .body("providers[0].error", equalTo(null))
                    .extract().path("items.id");
            assertThat(inventory).containsExactlyInAnyOrderElementsOf(expected);

            List<String> deltacloud = deltacloud(cloud, name).get("/api/instances").then().statusCode(200)
                    .extract().xmlPath().getList("instances.instance.@id");
            assertThat(deltacloud).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            given().delete("/v1/providers/" + name).then().statusCode(204);
        }
    }

    /**
     * HTTP Basic user names cannot hold a colon (RFC 7617), so an openstack identity {@code Default:user} is sent
     * as the bare user name, which the driver reads as the Default domain.
     */
    private static String basicUser(RecordedProvider cloud) {
        String user = cloud.credentials().user();
        return user.startsWith("Default:") ? user.substring("Default:".length()) : user;
    }

    private static String registration(String name, RecordedProvider cloud, Map<String, String> moreProperties) {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("driver", cloud.driver())
                .put("location", cloud.driver().equals("libvirt") || cloud.driver().equals("vsphere")
                        || cloud.driver().equals("rhevm") ? "on-premise" : "public");
        cloud.settings().endpointIfSet().ifPresent(e -> body.put("endpoint", e.toString()));
        cloud.settings().regionIfSet().ifPresent(r -> body.put("region", r));
        ObjectNode properties = body.putObject("properties");
        cloud.settings().properties().forEach(properties::put);
        moreProperties.forEach(properties::put);
        body.putObject("credentials").put("user", cloud.credentials().user())
                .put("secret", cloud.credentials().secret());
        return body.toString();
    }
}
