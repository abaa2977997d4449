package io.skyfed.broker.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.skyfed.broker.testing.Canaries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Walks every route of both APIs (found by reflection, as the route guard sees them) with two tenants: acme
 * creates one of everything, then globex calls each route with acme's ids and must get 404, and its listings
 * must not show them. A route without a case here fails the test, so a route added later is walked too.
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class IsolationWalkerTest {

    private static final String ADMIN = Tokens.of("root", null, Caller.ADMIN);
    private static final String ACME = Tokens.of("alice", "acme", Caller.TENANT, Caller.OPERATOR);
    private static final String GLOBEX = Tokens.of("bob", "globex", Caller.TENANT, Caller.OPERATOR);

    /** One route's walk; throws AssertionError when the route leaks. */
    private interface Walk {
        void run();
    }

    private final String sfx = UUID.randomUUID().toString().substring(0, 8);
    private final String provider = "walk-" + sfx;
    private String[] acmeKey;
    private String[] globexKey;

    // What acme owns.
    private String instance;
    private String key;
    private String volume;
    private String snapshot;
    private String image;
    private String bucket;
    private String firewall;
    private String address;
    private String balancer;
    private String workload;
    private String job;

    @Test
    void noRouteShowsOrChangesAnotherTenantsResources() {
        setUp();
        Map<String, Walk> walks = walks();
        Set<String> routes = ApiRoutes.all().stream().map(Route::toString).collect(Collectors.toCollection(TreeSet::new));
        assertThat(routes).as("routes the walker has no case for: teach it each new route").isSubsetOf(walks.keySet());
        assertThat(walks.keySet()).as("walker cases for routes that no longer exist").isSubsetOf(routes);
        List<String> leaks = new ArrayList<>();
        for (String route : routes) {
            try {
                walks.get(route).run();
            } catch (AssertionError e) {
                leaks.add(route + ": " + e.getMessage());
            }
        }
        assertThat(leaks).as("routes that let globex see or change acme's resources").isEmpty();
        // Nothing globex tried changed acme's resources.
        acme().get("/api/instances/" + instance).then().statusCode(200);
        acme().get("/api/buckets/" + bucket + "/note.txt").then().statusCode(200);
        v1(ACME).get("/v1/workloads/" + workload).then().statusCode(200);
    }

    private void setUp() {
        v1(ADMIN).body(Map.of("name", provider, "driver", "mock", "location", "public",
                "credentials", Map.of("user", "mockuser", "secret", "mockpassword")))
                .post("/v1/providers").then().statusCode(201);
        acmeKey = issue("acme");
        globexKey = issue("globex");
        instance = create(acme(), "instances", "instance", "image_id", "img1");
        key = create(acme(), "keys", "key", "name", "k-" + sfx);
        volume = create(acme(), "storage_volumes", "storage_volume", "capacity", "1");
        snapshot = create(acme(), "storage_snapshots", "storage_snapshot", "volume_id", volume);
        image = create(acme(), "images", "image", "instance_id", instance);
        bucket = create(acme(), "buckets", "bucket", "name", "b-" + sfx);
        acme().contentType("text/plain").body("acme's data").put("/api/buckets/" + bucket + "/note.txt")
                .then().statusCode(200);
        firewall = create(acme(), "firewalls", "firewall", "name", "fw-" + sfx, "description", "acme");
        acme().formParam("protocol", "tcp").formParam("port_from", "22").formParam("port_to", "22")
                .formParam("ip_address1", "10.0.0.0/8").post("/api/firewalls/" + firewall + "/rules")
                .then().statusCode(201);
        address = create(acme(), "addresses", "address");
        balancer = create(acme(), "load_balancers", "load_balancer", "name", "lb-" + sfx,
                "listener_protocol", "HTTP", "listener_balancer_port", "80", "listener_instance_port", "8080");
        workload = v1(ACME).body(Map.of("name", "w-" + sfx, "provider", provider, "instanceId", instance,
                "spec", Map.of("image", "img1", "cpus", 1, "memoryMb", 512, "diskGb", 8, "gpus", 0, "priority", 1)))
                .post("/v1/workloads").then().statusCode(201).extract().path("id");
        job = v1(ACME).body(Map.of("workload", workload, "target", "mock", "mode", "cold", "dryRun", true))
                .post("/v1/migrations").then().statusCode(202).extract().path("id");
        v1(ADMIN).post("/v1/inventory/providers/" + provider + "/refresh").then().statusCode(200);
    }

    private Map<String, Walk> walks() {
        Map<String, Walk> walks = new LinkedHashMap<>();
        // Deltacloud: public and shared catalogue routes.
        for (String route : List.of("GET /api", "GET /api/drivers", "GET /api/instance_states")) {
            walks.put(route, () -> globex().get(route.substring(4)).then().statusCode(200));
        }
        walks.put("GET /api/drivers/{id}", () -> globex().get("/api/drivers/mock").then().statusCode(200));
        walks.put("GET /api/realms", () -> globex().get("/api/realms").then().statusCode(200));
        walks.put("GET /api/realms/{id}", () -> globex().get("/api/realms/us").then().statusCode(200));
        walks.put("GET /api/hardware_profiles", () -> globex().get("/api/hardware_profiles").then().statusCode(200));
        walks.put("GET /api/hardware_profiles/{id}",
                () -> globex().get("/api/hardware_profiles/m1-small").then().statusCode(200));

        // Deltacloud: tenant resources. Listings hide acme's; lookups and changes of acme's ids answer 404; what
        // globex creates stays invisible to acme.
        collection(walks, "instances", "instance", () -> instance, "image_id", "img1");
        walks.put("POST /api/instances/{id}/{action}",
                () -> notFound(globex().post("/api/instances/" + instance + "/stop")));
        walks.put("GET /api/images", () -> {
            hidden(globex().get("/api/images"), "image", image);
            assertThat(ids(globex().get("/api/images"), "image")).as("the provider's catalogue").contains("img1");
        });
        walks.put("GET /api/images/{id}", () -> notFound(globex().get("/api/images/" + image)));
        walks.put("POST /api/images", () -> notFound(globex().formParam("instance_id", instance).post("/api/images")));
        walks.put("DELETE /api/images/{id}", () -> notFound(globex().delete("/api/images/" + image)));
        collection(walks, "keys", "key", () -> key, "name", "gk-" + sfx);
        collection(walks, "storage_volumes", "storage_volume", () -> volume, "capacity", "1");
        walks.put("POST /api/storage_volumes/{id}/attach", () -> {
            notFound(globex().formParam("instance_id", instance).post("/api/storage_volumes/" + volume + "/attach"));
            String own = create(globex(), "storage_volumes", "storage_volume", "capacity", "1");
            notFound(globex().formParam("instance_id", instance).post("/api/storage_volumes/" + own + "/attach"));
        });
        walks.put("POST /api/storage_volumes/{id}/detach",
                () -> notFound(globex().post("/api/storage_volumes/" + volume + "/detach")));
        walks.put("GET /api/storage_snapshots", () -> hidden(globex().get("/api/storage_snapshots"),
                "storage_snapshot", snapshot));
        walks.put("GET /api/storage_snapshots/{id}", () -> notFound(globex().get("/api/storage_snapshots/" + snapshot)));
        walks.put("POST /api/storage_snapshots", () -> {
            notFound(globex().formParam("volume_id", volume).post("/api/storage_snapshots"));
            notFound(globex().formParam("snapshot_id", snapshot).formParam("capacity", "1")
                    .post("/api/storage_volumes"));
        });
        walks.put("DELETE /api/storage_snapshots/{id}",
                () -> notFound(globex().delete("/api/storage_snapshots/" + snapshot)));
        collection(walks, "firewalls", "firewall", () -> firewall, "name", "gfw-" + sfx, "description", "globex");
        walks.put("POST /api/firewalls/{id}/rules", () -> notFound(globex().formParam("protocol", "tcp")
                .formParam("port_from", "80").formParam("port_to", "80").formParam("ip_address1", "0.0.0.0/0")
                .post("/api/firewalls/" + firewall + "/rules")));
        walks.put("DELETE /api/firewalls/{id}/{rule_id}",
                () -> notFound(globex().delete("/api/firewalls/" + firewall + "/any-rule")));
        collection(walks, "addresses", "address", () -> address);
        walks.put("POST /api/addresses/{id}/associate", () -> notFound(globex().formParam("instance_id", instance)
                .post("/api/addresses/" + address + "/associate")));
        walks.put("POST /api/addresses/{id}/disassociate",
                () -> notFound(globex().post("/api/addresses/" + address + "/disassociate")));
        collection(walks, "load_balancers", "load_balancer", () -> balancer, "name", "glb-" + sfx,
                "listener_protocol", "HTTP", "listener_balancer_port", "80", "listener_instance_port", "8080");
        walks.put("POST /api/load_balancers/{id}/register", () -> notFound(globex().formParam("instance_id", instance)
                .post("/api/load_balancers/" + balancer + "/register")));
        walks.put("POST /api/load_balancers/{id}/unregister", () -> notFound(globex()
                .formParam("instance_id", instance).post("/api/load_balancers/" + balancer + "/unregister")));
        walks.put("GET /api/metrics", () -> hidden(globex().get("/api/metrics"), "metric", instance));
        walks.put("GET /api/metrics/{id}", () -> notFound(globex().get("/api/metrics/" + instance)));
        collection(walks, "buckets", "bucket", () -> bucket, "name", "gb-" + sfx);
        walks.put("POST /api/buckets/{bucket}", () -> notFound(globex().contentType("multipart/form-data")
                .multiPart("blob_id", "x.txt").multiPart("blob_data", "x.txt", "globex".getBytes(), "text/plain")
                .post("/api/buckets/" + bucket)));
        String blob = "/note.txt";
        walks.put("GET /api/buckets/{bucket}/{blob}", () -> notFound(globex().get("/api/buckets/" + bucket + blob)));
        walks.put("HEAD /api/buckets/{bucket}/{blob}", () -> globex().head("/api/buckets/" + bucket + blob)
                .then().statusCode(404));
        walks.put("GET /api/buckets/{bucket}/{blob}/content",
                () -> notFound(globex().get("/api/buckets/" + bucket + blob + "/content")));
        walks.put("PUT /api/buckets/{bucket}/{blob}", () -> notFound(globex().contentType("text/plain")
                .body("overwritten").put("/api/buckets/" + bucket + blob)));
        walks.put("POST /api/buckets/{bucket}/{blob}", () -> notFound(globex()
                .header("X-Deltacloud-Blobmeta-Owner", "globex").post("/api/buckets/" + bucket + blob)));
        walks.put("DELETE /api/buckets/{bucket}/{blob}",
                () -> notFound(globex().delete("/api/buckets/" + bucket + blob)));

        // Native API: the tenant's workloads, jobs and inventory.
        walks.put("POST /v1/workloads", () -> v1(GLOBEX).body(Map.of("name", "steal-" + sfx, "provider", provider,
                "instanceId", instance)).post("/v1/workloads").then().statusCode(400));
        walks.put("GET /v1/workloads", () -> assertThat(v1(GLOBEX).get("/v1/workloads?limit=500").then()
                .statusCode(200).extract().<List<String>>path("items.id")).doesNotContain(workload));
        walks.put("GET /v1/workloads/{id}", () -> notFound(v1(GLOBEX).get("/v1/workloads/" + workload)));
        walks.put("DELETE /v1/workloads/{id}", () -> notFound(v1(GLOBEX).delete("/v1/workloads/" + workload)));
        walks.put("POST /v1/migrations", () -> notFound(v1(GLOBEX).body(Map.of("workload", workload, "target", "mock",
                "mode", "burst", "dryRun", true)).post("/v1/migrations")));
        walks.put("GET /v1/jobs", () -> {
            assertThat(v1(ACME).get("/v1/jobs?limit=500").then().extract().<List<String>>path("items.id")).contains(job);
            assertThat(v1(GLOBEX).get("/v1/jobs?limit=500").then().statusCode(200).extract()
                    .<List<String>>path("items.id")).doesNotContain(job);
        });
        walks.put("GET /v1/jobs/{id}", () -> notFound(v1(GLOBEX).get("/v1/jobs/" + job)));
        walks.put("GET /v1/jobs/{id}/events", () -> RestAssured.given().auth().oauth2(GLOBEX)
                .accept("text/event-stream").get("/v1/jobs/" + job + "/events").then().statusCode(404));
        walks.put("POST /v1/jobs/{id}/cancel", () -> notFound(v1(GLOBEX).post("/v1/jobs/" + job + "/cancel")));
        walks.put("GET /v1/inventory/instances", () -> {
            String query = "/v1/inventory/instances?limit=500&provider=" + provider;
            assertThat(v1(ACME).get(query).then().extract().<List<String>>path("items.id")).contains(instance);
            assertThat(v1(GLOBEX).get(query).then().statusCode(200).extract().<List<String>>path("items.id"))
                    .doesNotContain(instance).isEmpty();
        });
        walks.put("GET /v1/inventory/images", () -> {
            String query = "/v1/inventory/images?limit=500&provider=" + provider;
            assertThat(v1(GLOBEX).get(query).then().statusCode(200).extract().<List<String>>path("items.id"))
                    .doesNotContain(image).contains("img1");
        });
        // Provider-level views without tenant data: shared.
        walks.put("GET /v1/inventory/hardware-profiles",
                () -> v1(GLOBEX).get("/v1/inventory/hardware-profiles").then().statusCode(200));
        walks.put("GET /v1/inventory/providers", () -> v1(GLOBEX).get("/v1/inventory/providers").then().statusCode(200));
        walks.put("POST /v1/inventory/providers/{name}/refresh",
                () -> v1(GLOBEX).post("/v1/inventory/providers/" + provider + "/refresh").then().statusCode(200));
        walks.put("GET /v1/cluster", () -> v1(GLOBEX).get("/v1/cluster").then().statusCode(200));
        walks.put("GET /v1/providers", () -> v1(GLOBEX).get("/v1/providers").then().statusCode(200));
        walks.put("GET /v1/providers/{name}", () -> v1(GLOBEX).get("/v1/providers/" + provider).then().statusCode(200));
        walks.put("GET /v1/providers/{name}/health",
                () -> v1(GLOBEX).get("/v1/providers/" + provider + "/health").then().statusCode(200));
        // Admin and oversight routes: a tenant is refused outright.
        walks.put("POST /v1/providers", () -> forbidden(v1(GLOBEX).body(Map.of("name", "g-" + sfx, "driver", "mock"))
                .post("/v1/providers")));
        walks.put("PUT /v1/providers/{name}", () -> forbidden(v1(GLOBEX).body(Map.of("driver", "mock"))
                .put("/v1/providers/" + provider)));
        walks.put("DELETE /v1/providers/{name}", () -> forbidden(v1(GLOBEX).delete("/v1/providers/" + provider)));
        walks.put("POST /v1/providers/test-connection", () -> forbidden(v1(GLOBEX)
                .body(Map.of("driver", "mock")).post("/v1/providers/test-connection")));
        walks.put("GET /v1/audit", () -> forbidden(v1(GLOBEX).get("/v1/audit")));
        walks.put("POST /v1/api-credentials", () -> forbidden(v1(GLOBEX)
                .body(Map.of("tenant", "acme", "roles", List.of("tenant"))).post("/v1/api-credentials")));
        walks.put("GET /v1/api-credentials", () -> forbidden(v1(GLOBEX).get("/v1/api-credentials")));
        walks.put("DELETE /v1/api-credentials/{id}",
                () -> forbidden(v1(GLOBEX).delete("/v1/api-credentials/" + acmeKey[0])));
        return walks;
    }

    /** The five routes of a Deltacloud collection: list, show, create, delete. */
    private void collection(Map<String, Walk> walks, String collection, String item, Supplier<String> acmes,
                            String... createParams) {
        String member = "bucket".equals(item) ? "{bucket}" : "{id}";
        walks.put("GET /api/" + collection, () -> {
            assertThat(ids(acme().get("/api/" + collection), item)).contains(acmes.get());
            hidden(globex().get("/api/" + collection), item, acmes.get());
        });
        walks.put("GET /api/" + collection + "/" + member,
                () -> notFound(globex().get("/api/" + collection + "/" + acmes.get())));
        walks.put("POST /api/" + collection, () -> {
            String own = create(globex(), collection, item, createParams);
            hidden(acme().get("/api/" + collection), item, own);
            notFound(acme().get("/api/" + collection + "/" + own));
        });
        walks.put("DELETE /api/" + collection + "/" + member,
                () -> notFound(globex().delete("/api/" + collection + "/" + acmes.get())));
    }

    private String[] issue(String tenant) {
        Response issued = v1(ADMIN).body(Map.of("tenant", tenant, "roles", List.of("tenant", "operator")))
                .post("/v1/api-credentials");
        assertThat(issued.statusCode()).isEqualTo(201);
        return new String[] {issued.path("keyId"), Canaries.register(issued.path("secret"))};
    }

    private String create(RequestSpecification as, String collection, String item, String... params) {
        for (int i = 0; i < params.length; i += 2) {
            as.formParam(params[i], params[i + 1]);
        }
        Response created = as.post("/api/" + collection);
        assertThat(created.statusCode()).as("creating " + item + ": " + created.asString()).isEqualTo(201);
        return created.xmlPath().getString(item + ".@id");
    }

    private static List<String> ids(Response listing, String item) {
        assertThat(listing.statusCode()).as(listing.asString()).isEqualTo(200);
        return listing.xmlPath().getList("**.findAll { it.name() == '" + item + "' }.@id", String.class);
    }

    private static void hidden(Response listing, String item, String id) {
        assertThat(ids(listing, item)).as("ids a listing shows").doesNotContain(id);
    }

    private static void notFound(Response response) {
        assertThat(response.statusCode()).as("status of a call on another tenant's resource: " + response.asString())
                .isEqualTo(404);
    }

    private static void forbidden(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(403);
    }

    private RequestSpecification acme() {
        return deltacloud(acmeKey);
    }

    private RequestSpecification globex() {
        return deltacloud(globexKey);
    }

    private RequestSpecification deltacloud(String[] credential) {
        return RestAssured.given().auth().preemptive().basic(credential[0], credential[1]).accept("application/xml")
                .header("X-Deltacloud-Provider", provider);
    }

    private static RequestSpecification v1(String token) {
        return RestAssured.given().auth().oauth2(token).contentType("application/json").accept("application/json");
    }
}
