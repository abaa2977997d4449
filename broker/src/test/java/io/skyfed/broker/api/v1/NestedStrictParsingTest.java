package io.skyfed.broker.api.v1;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/** Strictness reaches into nested objects: a workload's spec and a migration's flags, not only top-level fields. */
@QuarkusTest
class NestedStrictParsingTest {

    @Test
    void aWorkloadSpecRejectsUnknownFieldsAndCoercions() {
        post("/v1/workloads", workload("\"cpus\":1,\"cpu\":2")).body("errors[0].field", equalTo("spec.cpu"))
                .body("errors[0].message", containsString("unknown field"));
        post("/v1/workloads", workload("\"cpus\":\"2\"")).body("errors[0].field", equalTo("spec.cpus"))
                .body("errors[0].message", equalTo("expected an integer"));
        post("/v1/workloads", workload("\"cpus\":1,\"tags\":\"web\"")).body("errors[0].field",
                equalTo("spec.tags")).body("errors[0].message", equalTo("expected an array"));
        post("/v1/workloads", "{\"name\":\"w1\",\"spec\":[]}").body("errors[0].field", equalTo("spec"));
    }

    @Test
    void aMissingOrNullSizeIsNamedAsRequired() {
        post("/v1/workloads", "{\"name\":\"w1\",\"spec\":{\"cpus\":1,\"diskGb\":8,\"gpus\":0,\"priority\":1}}")
                .body("errors[0].field", equalTo("spec.memoryMb"))
                .body("errors[0].message", equalTo("is required: an integer"));
        post("/v1/workloads", workload("\"cpus\":null")).body("errors[0].field", equalTo("spec.cpus"))
                .body("errors[0].message", equalTo("is required: an integer"));
    }

    @Test
    void aMigrationRejectsCoercedFlags() {
        post("/v1/migrations", "{\"workload\":\"w1\",\"target\":\"mock\",\"dryRun\":\"yes\"}")
                .body("errors[0].field", equalTo("dryRun")).body("errors[0].message", equalTo("expected true or false"));
    }

    /** A complete spec (its sizes are required) with {@code fields} first. */
    private static String workload(String fields) {
        return "{\"name\":\"w1\",\"spec\":{" + fields + ",\"memoryMb\":512,\"diskGb\":8,\"gpus\":0,\"priority\":1}}";
    }

    private static ValidatableResponse post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("type", equalTo("urn:skyfed:problem:invalid-request"));
    }
}
