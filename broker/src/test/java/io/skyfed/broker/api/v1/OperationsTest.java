package io.skyfed.broker.api.v1;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Health, metrics and the API description that operators and clients rely on. */
@QuarkusTest
class OperationsTest {

    @Test
    void readinessCoversTheDatabaseAndEveryProvider() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("providers", "Reactive PostgreSQL connections health check"))
                .body("checks.find { it.name == 'providers' }.data.mock", notNullValue());
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsIncludeInventoryRefreshes() {
        given().post("/v1/inventory/providers/mock/refresh").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("skyfed_inventory_refreshes_total{outcome=\"success\",provider=\"mock\"}"))
                .body(containsString("skyfed_inventory_age_seconds{provider=\"mock\"}"))
                .body(containsString("http_server_requests_seconds"));
    }

    @Test
    void openApiDescribesTheNativeApi() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/v1/providers'.post", notNullValue())
                .body("paths.'/v1/providers/{name}/health'.get", notNullValue())
                .body("paths.'/v1/inventory/instances'.get", notNullValue())
                .body("components.schemas.Credentials.properties.secret.writeOnly", equalTo(true));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
