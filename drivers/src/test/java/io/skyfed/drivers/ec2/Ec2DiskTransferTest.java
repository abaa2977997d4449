package io.skyfed.drivers.ec2;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.skyfed.drivers.spi.DiskExport;
import io.skyfed.drivers.spi.DiskImportSpec;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.ProviderSettings;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Disks through VM Import/Export against the EC2 and S3 fakes: a disk imported from S3 becomes an AMI, an instance
 * of it exported to S3 streams back byte for byte, the staging objects are gone afterwards, and a retried
 * ImportImage starts one task only.
 */
class Ec2DiskTransferTest {

    private static final Ec2Stubs STUBS = new Ec2Stubs();
    private static final AtomicInteger PROVIDERS = new AtomicInteger();
    private static final String BUCKET = "skyfed-disks";

    private final Ec2DriverFactory factory = new Ec2DriverFactory();
    private DriverSession session;
    private DiskTransferService transfer;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        STUBS.resetFaults();
        session = factory.connect(Ec2Stubs.credentials(), settings(Map.of("disk-bucket", BUCKET)));
        if (session.blobStore().orElseThrow().buckets().stream().noneMatch(b -> b.id().equals(BUCKET))) {
            session.blobStore().orElseThrow().createBucket(BUCKET, null);
        }
        transfer = session.diskTransfer().orElseThrow();
    }

    @AfterEach
    void close() {
        session.close();
    }

    private static ProviderSettings settings(Map<String, String> extra) {
        Map<String, String> properties = new java.util.HashMap<>(Map.of("fault.timeout", "PT5S",
                "fault.max-retries", "2", "fault.retry-base", "PT0.01S", "disk-transfer.poll", "PT0.01S"));
        properties.putAll(extra);
        return STUBS.settings("ec2-disks-" + PROVIDERS.incrementAndGet(), properties);
    }

    private static byte[] disk(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void offersTransferOnlyWithADiskBucket() {
        try (DriverSession without = factory.connect(Ec2Stubs.credentials(), settings(Map.of()))) {
            assertThat(without.diskTransfer()).isEmpty();
        }
        assertThat(transfer.importFormats()).containsExactlyInAnyOrder("vmdk", "vpc", "vhdx", "raw");
        assertThat(transfer.exportFormats()).containsExactly("vmdk", "vpc", "raw");
    }

    @Test
    void importedDiskBecomesAnImageAndExportsBackByteForByte() throws Exception {
        byte[] data = disk(3 << 20, 42);
        Image image = transfer.importDisk(new DiskImportSpec("web-disk", "raw", data.length, data.length, "x86_64"),
                new ByteArrayInputStream(data));

        assertThat(image.id()).startsWith("ami-");
        assertThat(image.description()).isEqualTo("web-disk");
        assertThat(image.architecture()).isEqualTo("x86_64");
        assertThat(session.images(io.skyfed.drivers.spi.ImageFilter.ALL)).extracting(Image::id).contains(image.id());
        assertThat(STUBS.s3.keys(BUCKET)).as("the staging object is deleted").isEmpty();
        List<LoggedRequest> imports = STUBS.ec2Server.findAll(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=ImportImage&")));
        assertThat(imports).hasSize(1);
        assertThat(imports.get(0).getBodyAsString()).contains("ClientToken=").contains("DiskContainer.1.Format=RAW")
                .contains("DiskContainer.1.UserBucket.S3Bucket=" + BUCKET);

        Instance instance = session.createInstance(new InstanceSpec(image.id(), null, null, Map.of(), null, null,
                null, List.of()));
        await(instance.id(), InstanceState.RUNNING);
        session.stop(instance.id());
        await(instance.id(), InstanceState.STOPPED);

        try (DiskExport export = transfer.exportDisk(instance.id(), "raw")) {
            assertThat(export.format()).isEqualTo("raw");
            assertThat(export.virtualSize()).isEqualTo(1L << 30);
            assertThat(export.contentLength()).isEqualTo(data.length);
            assertThat(export.content().readAllBytes()).isEqualTo(data);
        }
        assertThat(STUBS.s3.keys(BUCKET)).as("the exported object is deleted on close").isEmpty();
        session.destroy(instance.id());
    }

    @Test
    void stagingUploadSlowerThanTheCallTimeoutSucceedsUnderTheTransferTimeout() {
        try (DriverSession slow = factory.connect(Ec2Stubs.credentials(), settings(Map.of("disk-bucket", BUCKET,
                "fault.timeout", "PT1S", "transfer-timeout", "PT30S")))) {
            byte[] data = disk(24 * 64 * 1024, 7);
            InputStream slowLink = new java.io.FilterInputStream(new ByteArrayInputStream(data)) {
                @Override
                public int read(byte[] b, int off, int len) throws java.io.IOException {
                    try {
                        Thread.sleep(50); // one 64 KiB chunk per 50 ms: the whole disk takes longer than 1 s
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("upload interrupted");
                    }
                    return super.read(b, off, Math.min(len, 64 * 1024));
                }
            };
            Image image = slow.diskTransfer().orElseThrow().importDisk(new DiskImportSpec("slow-disk", "raw",
                    data.length, data.length, "x86_64"), slowLink);
            assertThat(image.id()).startsWith("ami-");
            assertThat(STUBS.s3.keys(BUCKET)).as("the staging object is deleted").isEmpty();
        }
    }

    @Test
    void aDiskEc2RefusesLeavesNoImageAndNoObject() {
        int images = STUBS.ec2.vmImportExport().images().size();
        assertThatThrownBy(() -> transfer.importDisk(new DiskImportSpec("empty", "vmdk", 0, 0, null),
                InputStream.nullInputStream()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("ClientError");
        assertThat(STUBS.ec2.vmImportExport().images()).hasSize(images);
        assertThat(STUBS.s3.keys(BUCKET)).isEmpty();
    }

    @Test
    void refusesFormatsAndArchitecturesEc2DoesNotImportBeforeUploading() {
        int writes = STUBS.s3.objectWrites();
        assertThatThrownBy(() -> transfer.importDisk(new DiskImportSpec("d", "qcow2", 1, 1, null),
                new ByteArrayInputStream(new byte[1]))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("qcow2");
        assertThatThrownBy(() -> transfer.importDisk(new DiskImportSpec("d", "raw", 1, 1, "sparc"),
                new ByteArrayInputStream(new byte[1]))).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> transfer.exportDisk("i-0a1b2c3d4e5f60001", "qcow2"))
                .isInstanceOf(InvalidArgumentException.class);
        assertThat(STUBS.s3.objectWrites()).isEqualTo(writes);
    }

    @Test
    void exportsOnlyStoppedInstances() {
        int before = STUBS.ec2.vmImportExport().exportsStarted();
        assertThatThrownBy(() -> transfer.exportDisk("i-0a1b2c3d4e5f60001", "vmdk"))
                .isInstanceOf(InvalidStateException.class).hasMessageContaining("running");
        assertThat(STUBS.ec2.vmImportExport().exportsStarted()).isEqualTo(before);
    }

    @Test
    void aRetriedImportImageStartsOneTask() {
        int before = STUBS.ec2.vmImportExport().importsStarted();
        STUBS.ec2.loseNextAnswerTo("ImportImage");
        byte[] data = disk(1 << 20, 7);
        Image image = transfer.importDisk(new DiskImportSpec("lost-answer", "vmdk", data.length, data.length, null),
                new ByteArrayInputStream(data));

        List<LoggedRequest> calls = STUBS.ec2Server.findAll(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=ImportImage&")));
        assertThat(calls).as("the lost answer was retried").hasSize(2);
        assertThat(token(calls.get(0))).isEqualTo(token(calls.get(1)));
        assertThat(STUBS.ec2.vmImportExport().importsStarted() - before).as("one task only").isEqualTo(1);
        assertThat(image.description()).isEqualTo("lost-answer");
    }

    @Test
    void throttledAndFailingTaskLooksAreRetried() {
        failOnce("DescribeImportImageTasks", aResponse().withStatus(503).withHeader("Content-Type", "text/xml")
                .withBody(Ec2Fake.errorXml("Unavailable", "injected")));
        byte[] data = disk(4096, 9);
        Image image = transfer.importDisk(new DiskImportSpec("after-503", "raw", data.length, data.length, null),
                new ByteArrayInputStream(data));
        assertThat(image.id()).startsWith("ami-");
    }

    @Test
    void aLostExportAnswerIsNotRepeated() {
        byte[] data = disk(8192, 11);
        Image image = transfer.importDisk(new DiskImportSpec("to-export", "raw", data.length, data.length, null),
                new ByteArrayInputStream(data));
        Instance instance = session.createInstance(new InstanceSpec(image.id(), null, null, Map.of(), null, null,
                null, List.of()));
        await(instance.id(), InstanceState.RUNNING);
        session.stop(instance.id());
        await(instance.id(), InstanceState.STOPPED);
        int before = STUBS.ec2.vmImportExport().exportsStarted();
        failOnce("CreateInstanceExportTask", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertThatThrownBy(() -> transfer.exportDisk(instance.id(), "raw"))
                .isInstanceOf(io.skyfed.drivers.spi.ProviderUnavailableException.class);
        assertThat(STUBS.ec2Server.findAll(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=CreateInstanceExportTask&")))).hasSize(1);
        assertThat(STUBS.ec2.vmImportExport().exportsStarted()).isEqualTo(before);
        session.destroy(instance.id());
    }

    private static void failOnce(String action, ResponseDefinitionBuilder fault) {
        STUBS.ec2Server.stubFor(post(urlEqualTo("/")).atPriority(1).inScenario("once-" + action)
                .whenScenarioStateIs(Scenario.STARTED).withRequestBody(containing("Action=" + action + "&"))
                .willReturn(fault).willSetStateTo("failed"));
    }

    private static String token(LoggedRequest request) {
        return Ec2Fake.first(Ec2Fake.parseForm(request.getBodyAsString()), "ClientToken");
    }

    private void await(String instanceId, InstanceState state) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (session.instance(instanceId).state() != state) {
            assertThat(Instant.now()).as("instance " + instanceId + " reaches " + state).isBefore(deadline);
        }
    }
}
