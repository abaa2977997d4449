package io.skyfed.broker.workflow;

import static io.skyfed.broker.workflow.Ec2EndToEndProfile.AWS;
import static io.skyfed.broker.workflow.Ec2EndToEndProfile.BUCKET;
import static io.skyfed.broker.workflow.Ec2EndToEndProfile.ON_PREMISE;
import static io.skyfed.broker.workflow.JobsApi.awaitEnd;
import static io.skyfed.broker.workflow.JobsApi.diskSha;
import static io.skyfed.broker.workflow.JobsApi.move;
import static io.skyfed.broker.workflow.JobsApi.register;
import static io.skyfed.broker.workflow.JobsApi.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.skyfed.drivers.DriverRegistry;
import io.skyfed.drivers.ec2.Ec2Stubs;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.ProviderSettings;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A workload moved from an on-premise mock to AWS (the EC2 driver against WireMock fakes of EC2 and S3) and back,
 * by this process's job engine: identical guest content at each end, nothing left behind on either side.
 */
@QuarkusTest
@TestProfile(Ec2EndToEndProfile.class)
@Timeout(300)
class Ec2EndToEndTest {

    @Inject
    DriverRegistry drivers;

    @Test
    void toAwsAndBackLandsIdenticalContentAndLeavesNothingBehind() throws Exception {
        DriverSession aws = drivers.find("ec2").orElseThrow().connect(Ec2Stubs.credentials(), Ec2EndToEndProfile.aws());
        if (aws.blobStore().orElseThrow().buckets().stream().noneMatch(b -> b.id().equals(BUCKET))) {
            aws.blobStore().orElseThrow().createBucket(BUCKET, null);
        }
        DriverSession home = drivers.find("mock").orElseThrow().connect(new Credentials("mockuser", "mockpassword"),
                new ProviderSettings(ON_PREMISE, null, null, Map.of()));
        String source = home.createInstance(InstanceSpec.ofImage("img1")).id();
        String sourceSha = diskSha(home, source);
        home.start(source);
        String workload = register("ec2-round-trip", ON_PREMISE, source, null);

        String out = move(workload, AWS, "cold", null);
        JsonPath there = awaitEnd(out);

        assertThat(there.getString("state")).as(there.prettify()).isEqualTo("SUCCEEDED");
        assertThat(there.getString("outcome.sha256")).isEqualTo(sourceSha);
        String inAws = there.getString("outcome.instanceId");
        assertThat(aws.instance(inAws).state()).isEqualTo(InstanceState.RUNNING);
        assertThat(home.instances()).extracting(Instance::id).doesNotContain(source);
        assertThat(aws.images(ImageFilter.ALL)).extracting(Image::name).noneMatch(n -> n.contains(out));
        assertThat(aws.blobStore().orElseThrow().blobs(BUCKET)).as("no staging object left").isEmpty();
        assertThat(diskSha(aws, inAws)).as("the guest sees the same disk in AWS").isEqualTo(sourceSha);
        aws.start(inAws);

        String back = move(workload, ON_PREMISE, "cold", null);
        JsonPath home2 = awaitEnd(back);

        assertThat(home2.getString("state")).as(home2.prettify()).isEqualTo("SUCCEEDED");
        assertThat(home2.getString("kind")).isEqualTo("REPATRIATE");
        String returned = home2.getString("outcome.instanceId");
        assertThat(diskSha(home, returned)).as("and the same disk back home").isEqualTo(sourceSha);
        // Terminating is asynchronous in EC2: shutting-down, then terminated.
        await().atMost(JobsApi.DEADLINE).until(() -> aws.instances().stream().filter(i -> i.id().equals(inAws))
                .allMatch(i -> i.state() == InstanceState.FINISH));
        assertThat(aws.blobStore().orElseThrow().blobs(BUCKET)).as("no exported object left").isEmpty();
        assertThat(home.images(ImageFilter.ALL)).extracting(Image::name).noneMatch(n -> n.contains(back));
        assertThat(workload(workload).getString("provider")).isEqualTo(ON_PREMISE);
    }
}
