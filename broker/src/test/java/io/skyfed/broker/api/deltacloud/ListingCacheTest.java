package io.skyfed.broker.api.deltacloud;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

import static io.skyfed.broker.api.deltacloud.DeltacloudApi.as;
import static org.assertj.core.api.Assertions.assertThat;

/** Cached listings must never be stale, and their gzip variant must be the same document. */
@QuarkusTest
class ListingCacheTest {

    private static final String P = "listing-cache";
    private static final RestAssuredConfig RAW = RestAssuredConfig.config()
            .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());

    @Test
    void aChangeShowsAtOnceWithANewTag() {
        Response before = as(P).get("/api/instances");
        String etag = before.getHeader("ETag");
        as(P).header("If-None-Match", etag).get("/api/instances").then().statusCode(304);

        String id = as(P).contentType("application/x-www-form-urlencoded").formParam("image_id", "img1")
                .post("/api/instances").xmlPath().getString("instance.@id");

        Response after = as(P).header("If-None-Match", etag).get("/api/instances");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.getHeader("ETag")).isNotEqualTo(etag);
        assertThat(after.xmlPath().getList("instances.instance.@id")).contains(id);

        as(P).post("/api/instances/" + id + "/stop").then().statusCode(202);
        assertThat(as(P).get("/api/instances").xmlPath().getString("instances.instance.find { it.@id == '" + id + "' }.state"))
                .isEqualTo("STOPPED");
    }

    @Test
    void gzipVariantIsTheSameDocumentUnderItsOwnTag() throws IOException {
        for (int i = 0; i < 40; i++) {
            as(P).contentType("application/x-www-form-urlencoded").formParam("image_id", "img2")
                    .post("/api/instances").then().statusCode(201);
        }
        Response plain = as(P).config(RAW).header("Accept-Encoding", "identity").get("/api/instances");
        Response gzipped = as(P).config(RAW).header("Accept-Encoding", "gzip").get("/api/instances");
        assertThat(gzipped.getHeader("Content-Encoding")).isEqualTo("gzip");
        assertThat(gzipped.getHeader("Vary")).isEqualTo("Accept-Encoding");
        assertThat(gzipped.getHeader("ETag")).isNotEqualTo(plain.getHeader("ETag"));
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(gzipped.asByteArray())).readAllBytes();
        assertThat(unzipped).isEqualTo(plain.asByteArray());
        as(P).config(RAW).header("Accept-Encoding", "gzip").header("If-None-Match", gzipped.getHeader("ETag"))
                .get("/api/instances").then().statusCode(304);
    }
}
