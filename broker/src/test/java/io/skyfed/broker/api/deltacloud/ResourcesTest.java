package io.skyfed.broker.api.deltacloud;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import static io.skyfed.broker.api.deltacloud.DeltacloudApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** The write paths of keys, volumes, snapshots, addresses, firewalls and load balancers. */
@QuarkusTest
class ResourcesTest {

    private static final String P = "resources";

    private static RequestSpecification form() {
        return as(P).contentType("application/x-www-form-urlencoded");
    }

    @Test
    void keysShowTheirPrivatePartOnce() {
        form().formParam("name", "deploy").post("/api/keys").then().statusCode(201)
                .body("key.@id", equalTo("deploy")).body("key.pem", notNullValue());
        Response key = as(P).get("/api/keys/deploy");
        assertThat(key.statusCode()).isEqualTo(200);
        assertThat(key.asString()).doesNotContain("<pem>");
        form().formParam("name", "deploy").post("/api/keys").then().statusCode(400);
        form().formParam("name", "<script>").post("/api/keys").then().statusCode(400);
        as(P).delete("/api/keys/deploy").then().statusCode(204);
        as(P).delete("/api/keys/deploy").then().statusCode(404);
    }

    @Test
    void volumesAttachDetachAndSnapshot() {
        Response volume = form().formParam("capacity", "5").formParam("realm_id", "us").formParam("name", "data")
                .post("/api/storage_volumes");
        assertThat(volume.statusCode()).isEqualTo(201);
        String id = volume.xmlPath().getString("storage_volume.@id");
        assertThat(volume.xmlPath().getString("storage_volume.capacity")).isEqualTo("5");
        form().formParam("instance_id", "inst0").post("/api/storage_volumes/" + id + "/attach").then().statusCode(202)
                .body("storage_volume.state", equalTo("IN-USE"))
                .body("storage_volume.mount.instance.@id", equalTo("inst0"));
        as(P).get("/api/instances/inst0").then().body("instance.storage_volumes.storage_volume.@id", DeltacloudApi.containsItem(id));
        as(P).delete("/api/storage_volumes/" + id).then().statusCode(405);
        form().formParam("instance_id", "inst0").post("/api/storage_volumes/" + id + "/attach").then().statusCode(405);
        as(P).post("/api/storage_volumes/" + id + "/detach").then().statusCode(202)
                .body("storage_volume.state", equalTo("AVAILABLE"));

        Response snapshot = form().formParam("volume_id", id).post("/api/storage_snapshots");
        assertThat(snapshot.statusCode()).isEqualTo(201);
        String snap = snapshot.xmlPath().getString("storage_snapshot.@id");
        as(P).get("/api/storage_snapshots/" + snap).then().body("storage_snapshot.storage_volume.@id", equalTo(id));
        as(P).delete("/api/storage_snapshots/" + snap).then().statusCode(204);
        as(P).delete("/api/storage_volumes/" + id).then().statusCode(204);

        form().formParam("capacity", "-3").post("/api/storage_volumes").then().statusCode(400)
                .body("error.parameter", equalTo("capacity"));
        form().formParam("capacity", "lots").post("/api/storage_volumes").then().statusCode(400);
        form().formParam("volume_id", "no-such").post("/api/storage_snapshots").then().statusCode(400);
    }

    @Test
    void addressesAssociateWithInstances() {
        Response address = as(P).post("/api/addresses");
        assertThat(address.statusCode()).isEqualTo(201);
        String ip = address.xmlPath().getString("address.@id");
        form().formParam("instance_id", "inst0").post("/api/addresses/" + ip + "/associate").then().statusCode(202)
                .body("address.instance.@id", equalTo("inst0"));
        as(P).delete("/api/addresses/" + ip).then().statusCode(405);
        as(P).post("/api/addresses/" + ip + "/disassociate").then().statusCode(202);
        as(P).delete("/api/addresses/" + ip).then().statusCode(204);
    }

    @Test
    void firewallsCarryRules() {
        form().formParam("name", "db").formParam("description", "Databases").post("/api/firewalls").then()
                .statusCode(201).body("firewall.name", equalTo("db"));
        form().formParam("protocol", "tcp").formParam("port_from", "5432").formParam("port_to", "5432")
                .formParam("ip_address1", "10.0.0.0/8").post("/api/firewalls/db/rules").then().statusCode(201)
                .body("firewall.rules.rule.port_from", equalTo("5432"))
                .body("firewall.rules.rule.sources.source.@address", equalTo("10.0.0.0"));
        String rule = as(P).get("/api/firewalls/db").xmlPath().getString("firewall.rules.rule.@id");
        form().formParam("protocol", "tcp").formParam("port_from", "10").formParam("port_to", "5")
                .formParam("ip_address1", "10.0.0.0/8").post("/api/firewalls/db/rules").then().statusCode(400);
        form().formParam("protocol", "tcp").formParam("port_from", "1").formParam("port_to", "5")
                .post("/api/firewalls/db/rules").then().statusCode(400);
        form().formParam("protocol", "gre").formParam("port_from", "1").formParam("port_to", "5")
                .formParam("ip_address1", "10.0.0.0/8").post("/api/firewalls/db/rules").then().statusCode(400);
        as(P).delete("/api/firewalls/db/" + rule).then().statusCode(204);
        as(P).get("/api/firewalls/db").then().body("firewall.rules.rule.@id", not(DeltacloudApi.containsItem(rule)));
        as(P).delete("/api/firewalls/db").then().statusCode(204);
    }

    @Test
    void egressRulesOfAFirewallNeitherShowNorDeleteThroughDeltacloud() {
        // The mock's "web" firewall also has the egress rule rule-dns-out; Deltacloud rules have no direction.
        as(P).get("/api/firewalls/web").then().statusCode(200)
                .body("firewall.rules.rule.@id", DeltacloudApi.containsItem("rule-http"))
                .body("firewall.rules.rule.@id", not(DeltacloudApi.containsItem("rule-dns-out")));
        as(P).delete("/api/firewalls/web/rule-dns-out").then().statusCode(404);
    }

    @Test
    void loadBalancersRegisterInstances() {
        form().formParam("name", "web").formParam("realm_id", "us").formParam("listener_protocol", "HTTP")
                .formParam("listener_balancer_port", "80").formParam("listener_instance_port", "8080")
                .post("/api/load_balancers").then().statusCode(201).body("load_balancer.@id", equalTo("web"))
                .body("load_balancer.listeners.listener.@protocol", equalTo("HTTP"));
        form().formParam("instance_id", "inst0").post("/api/load_balancers/web/register").then().statusCode(200)
                .body("load_balancer.instances.instance.@id", DeltacloudApi.containsItem("inst0"));
        form().formParam("instance_id", "inst0").post("/api/load_balancers/web/unregister").then().statusCode(200)
                .body("load_balancer.instances.instance.@id", not(DeltacloudApi.containsItem("inst0")));
        form().formParam("name", "bad").formParam("listener_protocol", "HTTP")
                .formParam("listener_balancer_port", "99999").formParam("listener_instance_port", "80")
                .post("/api/load_balancers").then().statusCode(400);
        as(P).delete("/api/load_balancers/web").then().statusCode(204);
    }

    @Test
    void metricsDescribeRunningInstances() {
        as(P).get("/api/metrics/inst0").then().statusCode(200)
                .body("metric.properties.cpuUtilization.sample.size()", equalTo(6));
    }
}
