package io.skyfed.broker.federation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.skyfed.broker.testing.Db;
import io.skyfed.drivers.DriverRegistry;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.ProviderSettings;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * 10,000 instances over two providers go to PostgreSQL in batches, are served page by page from there, and a
 * refresh that finds nothing changed writes nothing.
 */
@QuarkusTest
class InventoryAtScaleTest {

    @Inject
    DriverRegistry drivers;

    @Test
    void tenThousandInstancesAreStoredIncrementallyAndServedInPages() {
        String a = "scale-" + UUID.randomUUID().toString().substring(0, 8);
        String b = "scale-" + UUID.randomUUID().toString().substring(0, 8);
        createSeeded(a, 6000);
        createSeeded(b, 4000);
        try {
            readAndServe(a, b);
        } finally {
            // Other tests read every provider: leave nothing this large behind.
            given().delete("/v1/providers/" + a).then().statusCode(204);
            given().delete("/v1/providers/" + b).then().statusCode(204);
        }
        assertThat(Db.scalar("select count(*) from inventory_item where provider in ('" + a + "', '" + b + "')",
                Long.class)).isZero();
    }

    private void readAndServe(String a, String b) {
        given().post("/v1/inventory/providers/" + a + "/refresh").then().statusCode(200).body("stale", equalTo(false));
        given().post("/v1/inventory/providers/" + b + "/refresh").then().statusCode(200);

        long stored = Db.scalar("select count(*) from inventory_item where kind = 'INSTANCE' and provider in ('"
                + a + "', '" + b + "') and body->>'name' like 'bench-%'", Long.class);
        assertThat(stored).isEqualTo(10_000L);

        // Walk every page of one provider: each instance once.
        Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            var request = given().queryParam("provider", b).queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/v1/inventory/instances").then().statusCode(200).extract().jsonPath();
            page.getList("items.id", String.class).forEach(id -> assertThat(seen.add(id)).isTrue());
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(seen).hasSizeGreaterThanOrEqualTo(4000);

        long version = version(a);
        given().post("/v1/inventory/providers/" + a + "/refresh").then().statusCode(200);
        assertThat(version(a)).as("nothing changed, nothing rewritten").isEqualTo(version);

        try (DriverSession session = drivers.find("mock").orElseThrow().connect(
                new Credentials("mockuser", "mockpassword"), new ProviderSettings(a, null, null, Map.of()))) {
            String gone = session.instances().get(0).id();
            session.destroy(gone);
        }
        given().post("/v1/inventory/providers/" + a + "/refresh").then().statusCode(200);
        assertThat(version(a)).isEqualTo(version + 1);
        given().queryParam("provider", a).queryParam("state", "running").queryParam("limit", 1)
                .get("/v1/inventory/instances").then().statusCode(200)
                .body("providers", hasSize(1)).body("providers[0].stale", equalTo(false));
    }

    private static long version(String provider) {
        return Db.scalar("select content_version from inventory_snapshot where provider = '" + provider + "'", Long.class);
    }

    private static void createSeeded(String name, int instances) {
        given().contentType(ContentType.JSON).body("""
                {"name": "%s", "driver": "mock", "properties": {"seed-instances": "%d"},
                 "credentials": {"user": "mockuser", "secret": "mockpassword"}}
                """.formatted(name, instances)).post("/v1/providers").then().statusCode(201);
    }
}
