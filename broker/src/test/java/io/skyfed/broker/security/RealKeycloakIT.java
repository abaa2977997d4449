package io.skyfed.broker.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.skyfed.broker.process.BrokerProcess;
import io.skyfed.broker.process.FreshDatabase;
import io.skyfed.broker.testing.Canaries;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged broker with security on, against the real Keycloak of deploy/keycloak (start-keycloak.sh): tokens
 * of the checked-in realm's users of two tenants (acme: alice, tenant; oscar, operator. globex: bob, tenant) and
 * of an admin (ada) and an auditor (audrey) are verified, their tenant claim and realm roles decide what they may
 * do and see, and an API credential an admin issues opens the Deltacloud API. Fails, never skips, when Keycloak is
 * not running.
 */
class RealKeycloakIT {

    private static final String SPEC = "{\"cpus\":1,\"memoryMb\":512,\"diskGb\":8,\"gpus\":0,\"priority\":1,"
            + "\"image\":\"img1\"}";

    private static BrokerProcess broker;
    private static String alice;
    private static String oscar;
    private static String bob;
    private static String ada;
    private static String audrey;

    @BeforeAll
    static void startBrokerAgainstKeycloak() throws Exception {
        RealKeycloak.requireRunning();
        alice = RealKeycloak.token("alice");
        oscar = RealKeycloak.token("oscar");
        bob = RealKeycloak.token("bob");
        ada = RealKeycloak.token("ada");
        audrey = RealKeycloak.token("audrey");
        broker = BrokerProcess.start("keycloak", FreshDatabase.create("skyfed_it_keycloak"), Map.of(
                "skyfed.security.enabled", "true",
                "quarkus.oidc.auth-server-url", RealKeycloak.ISSUER));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void tokensCarryTheTenantClaimAndRealmRoles() throws Exception {
        assertThat(RealKeycloak.claims(alice).get("tenant").asText()).isEqualTo("acme");
        assertThat(RealKeycloak.claims(bob).get("tenant").asText()).isEqualTo("globex");
        assertThat(RealKeycloak.claims(oscar).at("/realm_access/roles").toString()).contains("\"operator\"");
        assertThat(RealKeycloak.claims(alice).get("aud").toString()).contains("skyfed-broker");
        assertThat(RealKeycloak.claims(alice).get("iss").asText()).isEqualTo(RealKeycloak.ISSUER);
    }

    @Test
    void noTokenOrABadOneIs401() {
        given().baseUri(base()).get("/v1/workloads").then().statusCode(401);
        as("not-a-token").get("/v1/workloads").then().statusCode(401);
        as(alice.substring(0, alice.length() - 4) + "AAAA").get("/v1/workloads").then().statusCode(401);
        given().baseUri(base()).get("/api/instances").then().statusCode(401);
    }

    @Test
    void rolesDecideWhatACallerMayDo() {
        String provider = "kc-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"name\":\"" + provider + "\",\"driver\":\"mock\",\"credentials\":{\"user\":\"mockuser\","
                + "\"secret\":\"mockpassword\"}}";
        as(alice).contentType(ContentType.JSON).body(body).post("/v1/providers").then().statusCode(403);
        as(oscar).contentType(ContentType.JSON).body(body).post("/v1/providers").then().statusCode(403);
        as(audrey).contentType(ContentType.JSON).body(body).post("/v1/providers").then().statusCode(403);
        as(ada).contentType(ContentType.JSON).body(body).post("/v1/providers").then().statusCode(201);
        as(alice).get("/v1/providers/" + provider).then().statusCode(200);

        as(audrey).contentType(ContentType.JSON).body(workload("audit-me")).post("/v1/workloads").then()
                .statusCode(403);
        as(audrey).get("/v1/workloads").then().statusCode(200);
        as(alice).delete("/v1/providers/" + provider).then().statusCode(403);
        as(ada).delete("/v1/providers/" + provider).then().statusCode(204);
    }

    @Test
    void aTenantNeverSeesAnotherTenantsWorkloadsOrJobs() {
        String workload = as(alice).contentType(ContentType.JSON).body(workload("acme-web")).post("/v1/workloads")
                .then().statusCode(201).extract().path("id");
        as(oscar).get("/v1/workloads/" + workload).then().statusCode(200).body("id", equalTo(workload));
        as(bob).get("/v1/workloads/" + workload).then().statusCode(404);
        as(bob).get("/v1/workloads?limit=500").then().statusCode(200).body("items.id", not(hasItem(workload)));
        as(alice).get("/v1/workloads?limit=500").then().statusCode(200).body("items.id", hasItem(workload));
        as(bob).delete("/v1/workloads/" + workload).then().statusCode(404);

        String job = as(oscar).contentType(ContentType.JSON).body("{\"workload\":\"" + workload
                + "\",\"target\":\"mock\",\"mode\":\"burst\",\"dryRun\":true}").post("/v1/migrations").then()
                .statusCode(202).extract().path("id");
        as(alice).get("/v1/jobs/" + job).then().statusCode(200);
        as(bob).get("/v1/jobs/" + job).then().statusCode(404);
        as(bob).get("/v1/jobs/" + job + "/events").then().statusCode(404);
        as(bob).post("/v1/jobs/" + job + "/cancel").then().statusCode(403);
        as(bob).get("/v1/jobs?limit=500").then().statusCode(200).body("items.id", not(hasItem(job)));
        as(bob).contentType(ContentType.JSON).body("{\"workload\":\"" + workload + "\",\"target\":\"mock\","
                + "\"dryRun\":true}").post("/v1/migrations").then().statusCode(403);
    }

    @Test
    void theAuditorReadsTheAuditLogAndChangesNothing() {
        String workload = as(alice).contentType(ContentType.JSON).body(workload("audited")).post("/v1/workloads")
                .then().statusCode(201).extract().path("id");
        // The token's subject and tenant claim reach the audit log as the actor and tenant.
        as(audrey).queryParam("actor", "alice").queryParam("action", "workload.create").queryParam("limit", 500)
                .get("/v1/audit").then().statusCode(200)
                .body("items.find { it.targetId == '" + workload + "' }.tenant", equalTo("acme"))
                .body("items.actor", everyItem(equalTo("alice")));
        as(ada).get("/v1/audit").then().statusCode(200);
        as(alice).get("/v1/audit").then().statusCode(403);
        as(oscar).get("/v1/audit").then().statusCode(403);
        as(audrey).contentType(ContentType.JSON).body("{\"tenant\":\"acme\",\"roles\":[\"tenant\"]}")
                .post("/v1/api-credentials").then().statusCode(403);
        as(audrey).delete("/v1/workloads/" + workload).then().statusCode(403);
        as(audrey).get("/v1/workloads/" + workload).then().statusCode(200);
    }

    @Test
    void anApiCredentialAnAdminIssuedWorksOnTheDeltacloudApi() {
        var issued = as(ada).contentType(ContentType.JSON)
                .body("{\"tenant\":\"acme\",\"roles\":[\"tenant\"],\"description\":\"RealKeycloakIT\"}")
                .post("/v1/api-credentials").then().statusCode(201).body("tenant", equalTo("acme")).extract();
        String keyId = issued.path("keyId");
        String secret = Canaries.register(issued.path("secret"));

        given().baseUri(base()).auth().preemptive().basic(keyId, secret).accept("application/xml")
                .get("/api/instances").then().statusCode(200);
        given().baseUri(base()).auth().preemptive().basic(keyId, secret + "x").get("/api/instances").then()
                .statusCode(401);
        given().baseUri(base()).auth().preemptive().basic("mockuser", "mockpassword").get("/api/instances").then()
                .statusCode(401);
        as(alice).contentType(ContentType.JSON).body("{\"tenant\":\"acme\",\"roles\":[\"tenant\"]}")
                .post("/v1/api-credentials").then().statusCode(403);
        as(ada).delete("/v1/api-credentials/" + keyId).then().statusCode(204);
    }

    private static String workload(String name) {
        return "{\"name\":\"" + name + "-" + UUID.randomUUID().toString().substring(0, 6) + "\",\"spec\":" + SPEC + "}";
    }

    private static RequestSpecification as(String token) {
        return given().baseUri(base()).auth().oauth2(token);
    }

    private static String base() {
        return "http://127.0.0.1:" + broker.port();
    }
}
