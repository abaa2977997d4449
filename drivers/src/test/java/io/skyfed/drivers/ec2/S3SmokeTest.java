package io.skyfed.drivers.ec2;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.junit.jupiter.api.Test;

class S3SmokeTest {

    @Test
    void talks() throws Exception {
        S3Fake fake = new S3Fake();
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(fake));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(S3Fake.NAME)));
        BlobStoreContext ctx = S3BlobStoreFactory.build(new Ec2Settings("us-east-1", Optional.empty(),
                Optional.of(URI.create(server.baseUrl())), Duration.ofSeconds(5)), "AKIDEXAMPLE", "secret");
        BlobStore store = ctx.getBlobStore();
        store.createContainerInLocation(null, "skyfed-b1");
        System.out.println(store.list());
        byte[] data = "hello world".getBytes();
        Blob blob = store.blobBuilder("dir/k1").payload(new ByteArrayInputStream(data)).contentLength(data.length)
                .userMetadata(Map.of("owner", "ops")).build();
        store.putBlob("skyfed-b1", blob);
        System.out.println(store.list("skyfed-b1"));
        Blob got = store.getBlob("skyfed-b1", "dir/k1");
        System.out.println(got.getMetadata());
        assertThat(got.getPayload().openStream().readAllBytes()).isEqualTo(data);
        server.stop();
    }
}
