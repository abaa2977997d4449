package io.skyfed.broker.workflow;

import static io.skyfed.broker.workflow.EndToEndProfile.CLOUD;
import static io.skyfed.broker.workflow.EndToEndProfile.KVM;
import static io.skyfed.broker.workflow.EndToEndProfile.ON_PREMISE;
import static io.skyfed.broker.workflow.JobsApi.awaitEnd;
import static io.skyfed.broker.workflow.JobsApi.define;
import static io.skyfed.broker.workflow.JobsApi.diskSha;
import static io.skyfed.broker.workflow.JobsApi.move;
import static io.skyfed.broker.workflow.JobsApi.register;
import static io.skyfed.broker.workflow.JobsApi.workload;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.skyfed.broker.policy.PolicyLoop;
import io.skyfed.broker.policy.TickReport;
import io.skyfed.broker.testing.Db;
import io.skyfed.broker.testing.OnPremiseLoad;
import io.skyfed.drivers.DriverRegistry;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.ProviderSettings;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Migrations, repatriations and bursts through the API and the policy loop, run by this process's job engine
 * against real drivers: the libvirt driver on libvirt's test driver, and mock clouds on either side.
 *
 * <p>libvirt's test driver (libvirt 9.0) implements neither virStorageVolDownload nor virStorageVolUpload, so no
 * disk content can leave or enter the described KVM host: with libvirt on either side, these tests prove the
 * steps the test driver can run for real (stopping and restarting the domain, creating and removing the import
 * volume, sizing and launching a domain) and that the job then fails once, names the missing call and leaves
 * both sides as they were. Identical content at the target is proven between the mock sites here, and through a
 * real libvirtd in {@link LibvirtDaemonMigrationTest}.
 */
@QuarkusTest
@TestProfile(EndToEndProfile.class)
@Timeout(300)
class EndToEndMigrationsTest {

    @Inject
    DriverRegistry drivers;

    @Inject
    PolicyLoop loop;

    @Test
    void repatriationBringsIdenticalContentBackOnPremiseWithTheRequestedProfile() throws Exception {
        DriverSession cloud = mock(CLOUD);
        String source = cloud.createInstance(InstanceSpec.ofImage("img1")).id();
        String sourceSha = diskSha(cloud, source);
        cloud.start(source);
        String workload = register("home", CLOUD, source, null);

        String job = move(workload, ON_PREMISE, "cold", "m1-xlarge");
        JsonPath done = awaitEnd(job);

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
        assertThat(done.getString("kind")).isEqualTo("REPATRIATE");
        assertThat(done.getString("outcome.sha256")).isEqualTo(sourceSha);
        assertThat(done.getString("outcome.hardwareProfile")).contains("m1-xlarge", "as requested");
        String target = done.getString("outcome.instanceId");
        DriverSession home = mock(ON_PREMISE);
        assertThat(home.instance(target).profile().hardwareProfileId()).isEqualTo("m1-xlarge");
        assertThat(home.instance(target).state()).isEqualTo(InstanceState.RUNNING);
        assertThat(diskSha(home, target)).as("the guest sees the same disk back home").isEqualTo(sourceSha);
        assertNothingLeft(cloud, job);
        assertThat(cloud.instances()).extracting(Instance::id).doesNotContain(source);
        assertThat(home.images(ImageFilter.ALL)).extracting(Image::name).noneMatch(n -> n.contains(job));
        assertThat(workload(workload).getString("provider")).isEqualTo(ON_PREMISE);
    }

    @Test
    void libvirtSourceIsStoppedForRealThenRestartedWhenTheTestDriverCannotStreamItsDisk() {
        DriverSession kvm = kvm();
        String source = kvm.createInstance(new InstanceSpec("debian-12.qcow2", null, "small", Map.of(),
                "kvm-src-" + JobsApi.suffix(), null, null, List.of())).id();
        assertThat(kvm.instance(source).state()).isEqualTo(InstanceState.RUNNING);
        String workload = register("kvm-out", KVM, source, null);

        String job = move(workload, CLOUD, "cold", null);
        JsonPath done = awaitEnd(job);

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("FAILED");
        assertThat(done.getString("error")).contains("transfer-disk", "virStorageVolDownload");
        assertThat(done.getInt("attempt")).as("an unsupported call is not retried").isEqualTo(1);
        assertThat(done.getString("steps.find { it.name == 'stop-source' }.state")).isEqualTo("COMPENSATED");
        assertThat(kvm.instance(source).state()).as("the domain runs again").isEqualTo(InstanceState.RUNNING);
        assertNothingLeft(mock(CLOUD), job);
        assertThat(workload(workload).getString("provider")).isEqualTo(KVM);
        assertThat(workload(workload).getString("state")).isEqualTo("RUNNING");
        kvm.destroy(source);
    }

    @Test
    void repatriationIntoLibvirtRemovesTheVolumeTheTestDriverCannotFill() {
        DriverSession cloud = mock(CLOUD);
        String source = cloud.createInstance(InstanceSpec.ofImage("img1")).id();
        String workload = register("kvm-in", CLOUD, source, null);
        List<String> imagesBefore = kvm().images(ImageFilter.ALL).stream().map(Image::id).toList();

        JsonPath done = awaitEnd(move(workload, KVM, "cold", null));

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("FAILED");
        assertThat(done.getString("kind")).isEqualTo("REPATRIATE");
        assertThat(done.getString("error")).contains("virStorageVolUpload");
        assertThat(kvm().images(ImageFilter.ALL)).extracting(Image::id)
                .as("the import volume was removed").containsExactlyInAnyOrderElementsOf(imagesBefore);
        assertThat(kvm().instances()).extracting(Instance::name).noneMatch(n -> n.contains(done.getString("id")));
        assertThat(cloud.instance(source).state()).isEqualTo(InstanceState.RUNNING);
    }

    @Test
    void aBurstIntoLibvirtSizesTheCustomProfileToTheWorkload() {
        String workload = define("kvm-burst", Map.of("image", "debian-12.qcow2", "cpus", 6, "memoryMb", 12288,
                "diskGb", 20, "gpus", 0, "priority", 1));

        JsonPath done = awaitEnd(move(workload, KVM, "burst", null));

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
        assertThat(done.getString("outcome.hardwareProfile")).startsWith("hardware profile custom");
        Instance launched = kvm().instance(done.getString("outcome.instanceId"));
        assertThat(launched.state()).isEqualTo(InstanceState.RUNNING);
        assertThat(launched.profile().hardwareProfileId()).isEqualTo("custom");
        assertThat(launched.profile().overrides()).containsEntry("cpu", "6").containsEntry("memory", "12288");
        JsonPath placed = workload(workload);
        assertThat(placed.getString("provider")).isEqualTo(KVM);
        assertThat(placed.getString("state")).isEqualTo("RUNNING");
        assertThat(placed.getList("instanceIds")).containsExactly(launched.id());
        kvm().destroy(launched.id());
    }

    @Test
    void aTargetWithoutAFittingProfileFailsTheJobBeforeTheSourceStops() {
        DriverSession onPremise = mock(ON_PREMISE);
        String source = onPremise.createInstance(InstanceSpec.ofImage("img1")).id();
        String workload = register("too-big", ON_PREMISE, source, size(64, 262144));

        JsonPath tooBig = awaitEnd(move(workload, CLOUD, "cold", null));

        assertThat(tooBig.getString("state")).isEqualTo("FAILED");
        assertThat(tooBig.getString("error")).contains("stop-source", "no hardware profile of " + CLOUD + " fits",
                "64 CPU(s) and 262144 MB", "m1-xlarge (4 CPU");
        assertThat(tooBig.getInt("attempt")).isEqualTo(1);
        assertThat(onPremise.instance(source).state()).as("never stopped").isEqualTo(InstanceState.RUNNING);
        assertThat(mock(CLOUD).images(ImageFilter.ALL)).extracting(Image::name)
                .noneMatch(n -> n.contains(tooBig.getString("id")));

        JsonPath unknown = awaitEnd(move(workload, CLOUD, "cold", "m9-huge"));
        assertThat(unknown.getString("state")).isEqualTo("FAILED");
        assertThat(unknown.getString("error")).contains("hardware profile 'm9-huge'", "does not offer");
        assertThat(onPremise.instance(source).state()).isEqualTo(InstanceState.RUNNING);
    }

    @Test
    void withoutATargetThePolicyDecidesAndTheJobCarriesItsExplanation() throws Exception {
        OnPremiseLoad load = new OnPremiseLoad(drivers, ON_PREMISE, CLOUD);
        DriverSession onPremise = mock(ON_PREMISE);
        String source = onPremise.createInstance(InstanceSpec.ofImage("img1")).id();
        String sourceSha = diskSha(onPremise, source);
        onPremise.start(source);
        String workload = register("policy-moved", ON_PREMISE, source, size(2, 2048));
        load.utilisation(0.9);
        try {
            String job = move(workload, null, "cold", null);
            JsonPath done = awaitEnd(job);

            assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
            assertThat(done.getString("request.targetProvider")).isEqualTo(CLOUD);
            assertThat(done.getString("request.reason")).startsWith("policy decides: burst to " + CLOUD)
                    .contains("on-prem-hot");
            assertThat(Db.scalar("select explanation from audit_event where action = 'migration.submit'"
                    + " and target_id = '" + job + "'", String.class)).startsWith("policy decides: burst to " + CLOUD);
            String target = done.getString("outcome.instanceId");
            assertThat(diskSha(mock(CLOUD), target)).isEqualTo(sourceSha);
            assertThat(onPremise.instances()).extracting(Instance::id).doesNotContain(source);
        } finally {
            load.utilisation(0.5);
        }
    }

    @Test
    void aBurstRaisedByThePolicyLoopEndsWithTheWorkloadRunningAtThePublicSite() {
        OnPremiseLoad load = new OnPremiseLoad(drivers, ON_PREMISE, CLOUD);
        String workload = define("policy-burst", Map.of("image", "img2", "cpus", 2, "memoryMb", 2048, "diskGb", 8,
                "gpus", 0, "priority", 1));
        load.utilisation(0.9);
        TickReport report;
        try {
            report = Db.await(() -> loop.tick(Map.of(), false));
        } finally {
            load.utilisation(0.5);
        }
        String job = Db.scalar("select cast(id as text) from job where workload_id = '" + workload + "'",
                String.class);
        assertThat(report.submittedJobs()).contains(UUID.fromString(job));

        JsonPath done = awaitEnd(job);

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
        assertThat(done.getString("kind")).isEqualTo("BURST");
        assertThat(done.getString("request.reason")).contains("burst to " + CLOUD, "on-prem-hot");
        assertThat(done.getString("outcome.hardwareProfile")).startsWith("hardware profile m1-large");
        String instance = done.getString("outcome.instanceId");
        assertThat(mock(CLOUD).instance(instance).state()).isEqualTo(InstanceState.RUNNING);
        JsonPath placed = workload(workload);
        assertThat(placed.getString("provider")).isEqualTo(CLOUD);
        assertThat(placed.getString("state")).isEqualTo("RUNNING");
        assertThat(placed.getList("instanceIds")).containsExactly(instance);
        assertThat(Db.scalar("select count(*) from audit_event where action = 'policy.burst' and target_id = '"
                + workload + "' and details->>'job' = '" + job + "'", Long.class)).isEqualTo(1L);
    }

    private static Map<String, Object> size(int cpus, long memoryMb) {
        return Map.of("cpus", cpus, "memoryMb", memoryMb, "diskGb", 1, "gpus", 0, "priority", 1);
    }

    private static void assertNothingLeft(DriverSession site, String job) {
        assertThat(site.instances()).extracting(Instance::name).noneMatch(n -> n.contains(job));
        assertThat(site.images(ImageFilter.ALL)).extracting(Image::name).noneMatch(n -> n.contains(job));
    }

    private DriverSession mock(String site) {
        return drivers.find("mock").orElseThrow().connect(new Credentials("mockuser", "mockpassword"),
                new ProviderSettings(site, null, null, EndToEndProfile.MOCKS.get(site)));
    }

    private DriverSession kvm() {
        return drivers.find("libvirt").orElseThrow().connect(new Credentials("", ""),
                new ProviderSettings(KVM, URI.create(EndToEndProfile.kvmUri()), null,
                        EndToEndProfile.KVM_PROPERTIES));
    }
}
