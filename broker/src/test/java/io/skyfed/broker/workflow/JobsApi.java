package io.skyfed.broker.workflow;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.skyfed.drivers.spi.DiskExport;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InstanceState;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What migration tests do through the /v1 API and on mock clouds: register, migrate, wait, read disks. */
final class JobsApi {

    static final Duration DEADLINE = Duration.ofSeconds(120);

    private JobsApi() {
    }

    static String running(DriverSession session) {
        String id = session.createInstance(InstanceSpec.ofImage("img1")).id();
        assertThat(session.instance(id).state()).isEqualTo(InstanceState.RUNNING);
        return id;
    }

    /** Stops the instance and reads its whole disk. */
    static byte[] stoppedDisk(DriverSession session, String instance) throws Exception {
        session.stop(instance);
        await().atMost(DEADLINE).until(() -> session.instance(instance).state() == InstanceState.STOPPED);
        try (DiskExport export = session.diskTransfer().orElseThrow().exportDisk(instance, "raw");
                InputStream in = export.content()) {
            return in.readAllBytes();
        }
    }

    static String diskSha(DriverSession session, String instance) throws Exception {
        return sha256(stoppedDisk(session, instance));
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String register(String name, String provider, String instance) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", name + "-" + suffix(), "provider", provider, "instanceId", instance))
                .post("/v1/workloads").then().statusCode(201).body("state", equalTo("RUNNING"))
                .extract().path("id");
    }

    static String migrate(String workload, String target, String mode) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("workload", workload, "target", target, "mode", mode))
                .post("/v1/migrations").then().statusCode(202)
                .header("Location", containsString("/v1/jobs/")).extract().path("id");
    }

    static JsonPath job(String id) {
        return JsonPath.from(given().get("/v1/jobs/" + id).then().statusCode(200).extract().asString());
    }

    static JsonPath awaitEnd(String id) {
        await().atMost(DEADLINE).until(() -> List.of("SUCCEEDED", "FAILED", "CANCELLED")
                .contains(job(id).getString("state")));
        return job(id);
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
