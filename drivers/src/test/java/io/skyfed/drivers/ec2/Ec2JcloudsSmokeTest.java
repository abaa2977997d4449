package io.skyfed.drivers.ec2;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.jclouds.aws.ec2.AWSEC2Api;
import org.jclouds.ec2.options.RunInstancesOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Ec2JcloudsSmokeTest {

    static WireMockServer server;
    static Ec2Fake fake = new Ec2Fake();

    @BeforeAll
    static void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(fake));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(Ec2Fake.NAME)));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void talks() {
        AWSEC2Api api = Ec2ApiFactory.build(new Ec2Settings("us-east-1", Optional.of(URI.create(server.baseUrl())),
                Optional.empty(), Duration.ofSeconds(5)), "AKIDEXAMPLE", "secret");
        var res = api.getInstanceApi().get().describeInstancesInRegion("us-east-1");
        System.out.println(res);
        var r = api.getInstanceApi().get().runInstancesInRegion("us-east-1", null, "ami-0abcdef1234567890", 1, 1,
                new RunInstancesOptions().withClientToken("tok-1").asType("t3.micro"));
        var r2 = api.getInstanceApi().get().runInstancesInRegion("us-east-1", null, "ami-0abcdef1234567890", 1, 1,
                new RunInstancesOptions().withClientToken("tok-1").asType("t3.micro"));
        System.out.println(r + "\n" + r2);
        assertThat(fake.launches()).isEqualTo(1);
        System.out.println(api.getAMIApi().get().describeImagesInRegion("us-east-1"));
        System.out.println(api.getAvailabilityZoneAndRegionApi().get().describeAvailabilityZonesInRegion("us-east-1"));
        System.out.println(api.getElasticBlockStoreApi().get().describeVolumesInRegion("us-east-1"));
        System.out.println(api.getElasticBlockStoreApi().get().describeSnapshotsInRegion("us-east-1"));
        System.out.println(api.getKeyPairApi().get().describeKeyPairsInRegion("us-east-1"));
    }
}
