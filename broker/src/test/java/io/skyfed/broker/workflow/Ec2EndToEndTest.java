package io.skyfed.broker.workflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.skyfed.drivers.DriverRegistry;
import io.skyfed.drivers.ec2.Ec2Fake;
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
import java.util.List;
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

    private static final String IMAGE = "ami-0abcdef1234567890";

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

    @Test
    void aRollbackFindsALaunchWhoseIdWasNeverCheckpointedByItsRequestToken() {
        DriverSession aws = drivers.find("ec2").orElseThrow().connect(Ec2Stubs.credentials(), Ec2EndToEndProfile.aws());
        WireMockServer ec2 = Ec2EndToEndProfile.STUBS.ec2Endpoint();
        int launchesBefore = Ec2EndToEndProfile.STUBS.launches();
        String workload = JobsApi.define("ec2-lost-launch", Map.of("image", IMAGE, "cpus", 1, "memoryMb", 512,
                "diskGb", 8, "gpus", 0, "priority", 1));
        // RunInstances launches, but its answers are lost: the step never checkpoints an instance id, the state a
        // crash between the launch and the checkpoint leaves. The first look-up by request token (before the
        // launch) reaches the fake; later ones are throttled (which the breaker does not hold against the provider),
        // so no re-run finds the instance and the job rolls back.
        Ec2EndToEndProfile.STUBS.loseAnswersTo("RunInstances", 1_000);
        ec2.stubFor(post(urlEqualTo("/")).atPriority(1).inScenario("token-look-ups")
                .whenScenarioStateIs(Scenario.STARTED).withRequestBody(containing("client-token"))
                .willReturn(aResponse().withTransformers(Ec2Fake.NAME)).willSetStateTo("failing"));
        StubMapping failing = ec2.stubFor(post(urlEqualTo("/")).atPriority(1).inScenario("token-look-ups")
                .whenScenarioStateIs("failing").withRequestBody(containing("client-token"))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/xml")
                        .withBody(Ec2Fake.errorXml("RequestLimitExceeded", "Request limit exceeded."))));
        try {
            String job = move(workload, AWS, "burst", null);
            String token = "skyfed-" + job + "-" + LaunchTarget.NAME;
            // The step gives up: FAILED while its rollback cannot look the token up, COMPENSATED if it never does.
            await().atMost(JobsApi.DEADLINE).until(() -> List.of("FAILED", "COMPENSATED").contains(JobsApi.job(job)
                    .getString("steps.find { it.name == 'launch-target' }.state")));
            assertThat(Ec2EndToEndProfile.STUBS.launches() - launchesBefore).as("launched once, never twice")
                    .isEqualTo(1);

            // The cloud answers look-ups again: the rollback, which has no instance id, finds it by its token.
            ec2.removeStub(failing);
            JsonPath failed = awaitEnd(job);

            assertThat(failed.getString("state")).as(failed.prettify()).isEqualTo("FAILED");
            await().atMost(JobsApi.DEADLINE).untilAsserted(() -> assertThat(aws.instanceByRequestToken(token))
                    .as("rolled back: terminated").isEmpty());
            assertThat(Ec2EndToEndProfile.STUBS.launches() - launchesBefore).isEqualTo(1);
        } finally {
            Ec2EndToEndProfile.STUBS.loseAnswersTo("RunInstances", 0);
            ec2.resetScenarios();
            ec2.removeStub(failing);
        }
    }
}
