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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What migration tests do through the /v1 API and on mock clouds: register, move, wait, read disks. */
final class JobsApi {

    static final Duration DEADLINE = Duration.ofSeconds(120);

    private JobsApi() {
    }

    static String running(DriverSession session) {
        String id = session.createInstance(InstanceSpec.ofImage("img1")).id();
        assertThat(session.instance(id).state()).isEqualTo(InstanceState.RUNNING);
        return id;
    }

    /** Stops the instance (unless it is stopped already), then waits until it is. */
    private static void stopped(DriverSession session, String instance) {
        if (session.instance(instance).state() != InstanceState.STOPPED) {
            session.stop(instance);
        }
        await().atMost(DEADLINE).until(() -> session.instance(instance).state() == InstanceState.STOPPED);
    }

    /** Stops the instance and reads its whole disk. */
    static byte[] stoppedDisk(DriverSession session, String instance) throws Exception {
        stopped(session, instance);
        try (DiskExport export = session.diskTransfer().orElseThrow().exportDisk(instance, "raw");
                InputStream in = export.content()) {
            return in.readAllBytes();
        }
    }

    /** SHA-256 of the instance's guest-visible disk, streamed through the driver once the instance is stopped. */
    static String diskSha(DriverSession session, String instance) throws Exception {
        stopped(session, instance);
        MessageDigest digest = sha256();
        try (DiskExport export = session.diskTransfer().orElseThrow().exportDisk(instance, "raw");
                InputStream in = export.content()) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(byte[] content) {
        return HexFormat.of().formatHex(sha256().digest(content));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
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

    /** A workload running on {@code provider} as {@code instance}, with an optional spec; emits its id. */
    static String register(String name, String provider, String instance, Map<String, Object> spec) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name + "-" + suffix(), "provider", provider,
                "instanceId", instance));
        if (spec != null) {
            body.put("spec", spec);
        }
        return given().contentType(ContentType.JSON).body(body).post("/v1/workloads").then().statusCode(201)
                .extract().path("id");
    }

    /** A workload that runs nowhere yet. */
    static String define(String name, Map<String, Object> spec) {
        return given().contentType(ContentType.JSON).body(Map.of("name", name + "-" + suffix(), "spec", spec))
                .post("/v1/workloads").then().statusCode(201).extract().path("id");
    }

    static String migrate(String workload, String target, String mode) {
        return move(workload, target, mode, null);
    }

    /** Requests a move; a null target lets the policy decide. Emits the job's id. */
    static String move(String workload, String target, String mode, String hardwareProfile) {
        Map<String, Object> body = new HashMap<>(Map.of("workload", workload, "mode", mode));
        if (target != null) {
            body.put("target", target);
        }
        if (hardwareProfile != null) {
            body.put("hardwareProfile", hardwareProfile);
        }
        return given().contentType(ContentType.JSON).body(body).post("/v1/migrations").then().statusCode(202)
                .header("Location", containsString("/v1/jobs/")).extract().path("id");
    }

    static JsonPath job(String id) {
        return JsonPath.from(given().get("/v1/jobs/" + id).then().statusCode(200).extract().asString());
    }

    static JsonPath workload(String id) {
        return JsonPath.from(given().get("/v1/workloads/" + id).then().statusCode(200).extract().asString());
    }

    static JsonPath awaitEnd(String id) {
        await().atMost(DEADLINE).until(() -> List.of("SUCCEEDED", "FAILED", "CANCELLED")
                .contains(job(id).getString("state")));
        return job(id);
    }

    /** The job failed loudly on a checksum mismatch at {@code step}, whose two checksums differ. */
    static void assertChecksumMismatchAt(JsonPath done, String step) {
        assertThat(done.getString("state")).isEqualTo("FAILED");
        assertThat(done.getString("error")).contains("CHECKSUM MISMATCH");
        assertThat(done.getString("steps.find { it.name == '" + step + "' }.targetChecksum"))
                .isNotEqualTo(done.getString("steps.find { it.name == '" + step + "' }.sourceChecksum"));
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
