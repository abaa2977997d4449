package io.skyfed.broker.api.deltacloud;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.skyfed.broker.api.deltacloud.DeltacloudApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class BucketsTest {

    private static final String P = "buckets";

    private static void createBucket(String name) {
        as(P).contentType("application/x-www-form-urlencoded").formParam("name", name).post("/api/buckets").then()
                .statusCode(201).header("Location", endsWith("/api/buckets/" + name))
                .body("bucket.@id", equalTo(name)).body("bucket.name", equalTo(name));
    }

    @Test
    void blobsGoInAndComeOutWithMetadata() {
        createBucket("photos");
        as(P).contentType("text/plain").header("X-Deltacloud-Blobmeta-Version", "1.0")
                .header("X-Deltacloud-Blobmeta-Author", "tester").body("This is the test blob content")
                .put("/api/buckets/photos/note.txt").then().statusCode(200)
                .body("blob.@id", equalTo("note.txt")).body("blob.content_length", equalTo("29"));

        as(P).get("/api/buckets/photos").then().statusCode(200).body("bucket.size", equalTo("1"))
                .body("bucket.blob.@href", DeltacloudApi.containsItem(endsWith("/photos/note.txt")));
        as(P).get("/api/buckets/photos/note.txt").then().statusCode(200)
                .body("blob.bucket", equalTo("photos"))
                .body("blob.content_type", startsWith("text/plain"))
                .body("blob.user_metadata.entry.find { it.@key == 'author' }", equalTo("tester"))
                .body("blob.content.@rel", equalTo("blob_content"))
                .body("blob.content.@href", endsWith("/photos/note.txt/content"));
        Response content = as(P).get("/api/buckets/photos/note.txt/content");
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.asString()).isEqualTo("This is the test blob content");
        assertThat(content.getHeader("Content-Type")).startsWith("text/plain");

        as(P).head("/api/buckets/photos/note.txt").then().statusCode(204)
                .header("X-Deltacloud-Blobmeta-Version", "1.0").header("X-Deltacloud-Blobmeta-Author", "tester");
        as(P).header("X-Deltacloud-Blobmeta-Version", "2.0").header("X-Deltacloud-Blobmeta-Updated", "today")
                .post("/api/buckets/photos/note.txt").then().statusCode(204)
                .header("X-Deltacloud-Blobmeta-Version", "2.0").header("X-Deltacloud-Blobmeta-Updated", "today");

        as(P).delete("/api/buckets/photos").then().statusCode(405);
        as(P).delete("/api/buckets/photos/note.txt").then().statusCode(204);
        as(P).get("/api/buckets/photos/note.txt").then().statusCode(404);
        as(P).delete("/api/buckets/photos").then().statusCode(204);
        as(P).get("/api/buckets/photos").then().statusCode(404);
    }

    @Test
    void acceptsMultipartUploadsWithNumberedMetadata() {
        createBucket("uploads");
        byte[] png = new byte[70_000];
        Arrays.fill(png, (byte) 7);
        as(P).multiPart("blob_id", "pic.png").multiPart("blob_data", "pic.png", png, "image/png")
                .multiPart("meta_params", "2").multiPart("meta_name1", "camera").multiPart("meta_value1", "x100")
                .multiPart("meta_name2", "iso").multiPart("meta_value2", "200")
                .post("/api/buckets/uploads").then().statusCode(201)
                .body("blob.content_length", equalTo("70000")).body("blob.content_type", equalTo("image/png"));
        assertThat(as(P).get("/api/buckets/uploads/pic.png/content").asByteArray()).isEqualTo(png);
        as(P).head("/api/buckets/uploads/pic.png").then().statusCode(204).header("X-Deltacloud-Blobmeta-Camera", "x100");
        as(P).multiPart("blob_data", "pic.png", png, "image/png").post("/api/buckets/uploads").then().statusCode(400)
                .body("error.parameter", equalTo("blob_id"));
    }

    @Test
    void refusesBadNamesAndMetadata() {
        as(P).contentType("application/x-www-form-urlencoded").formParam("name", "../etc").post("/api/buckets").then()
                .statusCode(400).body("error.parameter", equalTo("name"));
        as(P).contentType("application/x-www-form-urlencoded").formParam("name", "bucket1").post("/api/buckets").then()
                .statusCode(400);
        as(P).contentType("text/plain").header("X-Deltacloud-Blobmeta-Bad Name!", "x").body("x")
                .put("/api/buckets/bucket1/x").then().statusCode(400);
        as(P).contentType("text/plain").body("x".getBytes(StandardCharsets.UTF_8)).put("/api/buckets/no-such-bucket/x")
                .then().statusCode(404);
    }
}
