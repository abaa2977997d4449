package io.skyfed.broker.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.skyfed.broker.testing.Canaries;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Authentication, roles and API credentials with security on, against real signed tokens. */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class SecurityTest {

    private static final String ADMIN = Tokens.of("root", null, Caller.ADMIN);
    private static final String AUDITOR = Tokens.of("audrey", "acme", Caller.AUDITOR);
    private static final String ACME = Tokens.of("alice", "acme", Caller.TENANT);

    @Test
    void v1NeedsABearerTokenAndSaysSoInAProblemBody() {
        given().get("/v1/workloads").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:skyfed:problem:unauthenticated"));
        given().auth().oauth2("not.a.token").get("/v1/workloads").then().statusCode(401)
                .body("type", equalTo("urn:skyfed:problem:unauthenticated"))
                .body("detail", containsString("invalid or expired"));
        given().auth().oauth2(Tokens.forAudience("some-other-service", "alice", "acme", Caller.TENANT))
                .get("/v1/workloads").then().statusCode(401);
        given().auth().oauth2(ACME).get("/v1/workloads").then().statusCode(200);
    }

    @Test
    void operationsEndpointsStayOpen() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
        given().get("/api").then().statusCode(200);
    }

    @Test
    void aTokenWithoutATenantIsRefusedUnlessItIsAnAdmins() {
        given().auth().oauth2(Tokens.of("nobody", null, Caller.TENANT)).get("/v1/workloads").then().statusCode(403)
                .body("type", equalTo("urn:skyfed:problem:forbidden"))
                .body("detail", containsString("'tenant' claim"));
        given().auth().oauth2(ADMIN).get("/v1/workloads").then().statusCode(200);
    }

    @Test
    void rolesDecideTheRoutes() {
        given().auth().oauth2(ACME).contentType("application/json")
                .body(Map.of("name", "x", "driver", "mock", "location", "public"))
                .post("/v1/providers").then().statusCode(403).body("type", equalTo("urn:skyfed:problem:forbidden"));
        given().auth().oauth2(ACME).get("/v1/audit").then().statusCode(403);
        given().auth().oauth2(AUDITOR).get("/v1/audit").then().statusCode(200);
        given().auth().oauth2(AUDITOR).contentType("application/json").body(Map.of("name", "w-" + suffix()))
                .post("/v1/workloads").then().statusCode(403);
        given().auth().oauth2(ACME).contentType("application/json").body(Map.of("tenant", "acme",
                "roles", List.of("tenant"))).post("/v1/api-credentials").then().statusCode(403);
    }

    @Test
    void refusedChangesAreAudited() {
        String name = "refused-" + suffix();
        given().auth().oauth2(Tokens.of("mallory", "acme", Caller.TENANT)).contentType("application/json")
                .body(Map.of("name", name, "driver", "mock", "location", "public"))
                .post("/v1/providers").then().statusCode(403);
        given().auth().oauth2(AUDITOR).queryParam("actor", "mallory").queryParam("action", "POST /v1/providers")
                .get("/v1/audit").then().statusCode(200)
                .body("items.outcome", hasItem("DENIED"))
                .body("items.tenant", hasItem("acme"))
                .body("items.targetId", hasItem("/v1/providers"));
    }

    @Test
    void apiCredentialsAuthenticateDeltacloudClientsUntilRevoked() {
        String tenant = "t" + suffix();
        ExtractableResponse<Response> issued = given().auth().oauth2(ADMIN).contentType("application/json")
                .body(Map.of("tenant", tenant, "roles", List.of("tenant"), "description", "ci"))
                .post("/v1/api-credentials").then().statusCode(201)
                .body("secret", notNullValue()).body("tenant", equalTo(tenant)).extract();
        String keyId = issued.path("keyId");
        String secret = Canaries.register(issued.path("secret"));
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);

        given().auth().oauth2(ADMIN).queryParam("tenant", tenant).get("/v1/api-credentials").then().statusCode(200)
                .body("items.keyId", hasItem(keyId)).body("items[0].secret", nullValue())
                .body(not(containsString(secret)));

        given().auth().preemptive().basic(keyId, secret).accept("application/json").get("/api/instances")
                .then().statusCode(200);
        given().auth().preemptive().basic(keyId, secret + "x").get("/api/instances").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"));
        // The driver's own credentials are no longer accepted: /api uses the registered provider's.
        given().auth().preemptive().basic("mockuser", "mockpassword").get("/api/instances").then().statusCode(401);
        given().get("/api/instances").then().statusCode(401);

        given().auth().oauth2(ADMIN).delete("/v1/api-credentials/" + keyId).then().statusCode(204);
        given().auth().oauth2(ADMIN).delete("/v1/api-credentials/" + keyId).then().statusCode(404)
                .body("type", equalTo("urn:skyfed:problem:not-found"));
        given().auth().preemptive().basic(keyId, secret).get("/api/instances").then().statusCode(401);
    }

    @Test
    void theAuditLogIsPagedFilteredAndDescribed() {
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(Tokens.of("pager", "acme", Caller.TENANT)).delete("/v1/workloads/" + UUID.randomUUID())
                    .then().statusCode(404);
        }
        ExtractableResponse<Response> first = given().auth().oauth2(ADMIN).queryParam("actor", "pager")
                .queryParam("limit", 1).get("/v1/audit").then().statusCode(200)
                .body("items[0].outcome", equalTo("FAILURE")).body("nextCursor", notNullValue()).extract();
        Number firstId = first.path("items[0].id");
        Number secondId = given().auth().oauth2(ADMIN).queryParam("actor", "pager").queryParam("limit", 1)
                .queryParam("cursor", first.<String>path("nextCursor")).get("/v1/audit").then().statusCode(200)
                .extract().path("items[0].id");
        assertThat(secondId.longValue()).isGreaterThan(firstId.longValue());
        given().auth().oauth2(ADMIN).queryParam("actor", "pager").queryParam("until", "2000-01-01T00:00:00Z")
                .get("/v1/audit").then().statusCode(200).body("items", empty());
        given().auth().oauth2(ADMIN).queryParam("since", "yesterday").get("/v1/audit").then().statusCode(400)
                .body("errors[0].field", equalTo("since"));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/v1/audit'.get", notNullValue())
                .body("paths.'/v1/api-credentials'.post", notNullValue())
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("paths.'/v1/audit'.get.security[0].bearer", notNullValue())
                .body("paths.'/v1/workloads'.post.security[0].bearer", notNullValue());
    }

    @Test
    void credentialsCannotCarryAdminPowers() {
        given().auth().oauth2(ADMIN).contentType("application/json")
                .body(Map.of("tenant", "acme", "roles", List.of("admin"))).post("/v1/api-credentials")
                .then().statusCode(400).body("errors[0].field", containsString("roles"));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
