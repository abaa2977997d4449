package io.skyfed.broker.workflow;

import static io.skyfed.broker.workflow.JobsApi.awaitEnd;
import static io.skyfed.broker.workflow.JobsApi.diskSha;
import static io.skyfed.broker.workflow.JobsApi.move;
import static io.skyfed.broker.workflow.JobsApi.register;
import static io.skyfed.broker.workflow.JobsApi.workload;
import static io.skyfed.broker.workflow.LibvirtDaemonProfile.CLOUD;
import static io.skyfed.broker.workflow.LibvirtDaemonProfile.LIBVIRTD;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.skyfed.drivers.DriverRegistry;
import io.skyfed.drivers.libvirt.LibvirtDaemonPools;
import io.skyfed.drivers.libvirt.TinyGuest;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DiskImportSpec;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.ProviderSettings;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A workload's round trip between a public mock and a libvirt host on the real libvirtd, through the API and this
 * process's job engine: the disk really leaves through a volume upload and comes back through a download, and the
 * libvirt instance really boots and is stopped by its guest (a {@link TinyGuest}) when the migration asks.
 */
@QuarkusTest
@TestProfile(LibvirtDaemonProfile.class)
@Timeout(300)
class LibvirtDaemonMigrationTest {

    @Inject
    DriverRegistry drivers;

    @AfterAll
    static void removePools() throws Exception {
        LibvirtDaemonPools.remove(LibvirtDaemonProfile.POOLS);
    }

    @Test
    void aWorkloadGoesOnPremiseToTheRealLibvirtdAndComesBackWithItsDiskIntact() throws Exception {
        DriverSession cloud = drivers.find("mock").orElseThrow().connect(new Credentials("mockuser", "mockpassword"),
                new ProviderSettings(CLOUD, null, null, Map.of()));
        byte[] disk = TinyGuest.disk(4 << 20, 11);
        Image image = cloud.diskTransfer().orElseThrow().importDisk(new DiskImportSpec("tiny-" + JobsApi.suffix(),
                "raw", disk.length, disk.length, null), new ByteArrayInputStream(disk));
        String source = cloud.createInstance(InstanceSpec.ofImage(image.id())).id();
        String sourceSha = diskSha(cloud, source);
        cloud.start(source);
        String workload = register("round-trip", CLOUD, source, null);

        JsonPath there = awaitEnd(move(workload, LIBVIRTD, "cold", null));

        assertThat(there.getString("state")).as(there.prettify()).isEqualTo("SUCCEEDED");
        assertThat(there.getString("kind")).isEqualTo("REPATRIATE");
        String onPremise = there.getString("outcome.instanceId");
        DriverSession libvirt = drivers.find("libvirt").orElseThrow().connect(new Credentials("", ""),
                new ProviderSettings(LIBVIRTD, null, null, LibvirtDaemonPools.properties(LibvirtDaemonProfile.POOLS)));
        assertThat(libvirt.instance(onPremise).state()).as("QEMU runs the guest").isEqualTo(InstanceState.RUNNING);
        assertThat(workload(workload).getString("provider")).isEqualTo(LIBVIRTD);

        JsonPath back = awaitEnd(move(workload, CLOUD, "cold", null));

        assertThat(back.getString("state")).as(back.prettify()).isEqualTo("SUCCEEDED");
        String home = back.getString("outcome.instanceId");
        assertThat(diskSha(cloud, home)).as("the guest sees the disk it left with").isEqualTo(sourceSha);
        assertThat(libvirt.instances()).extracting(Instance::id).doesNotContain(onPremise);
        assertThat(workload(workload).getString("provider")).isEqualTo(CLOUD);
    }
}
