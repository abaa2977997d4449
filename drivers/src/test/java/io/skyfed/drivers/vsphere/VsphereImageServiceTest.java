package io.skyfed.drivers.vsphere;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.drivers.contract.DriverContractTest;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.ImageService;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceAction;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.NotFoundException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Images captured from instances as VM templates in the provider's content library. */
class VsphereImageServiceTest {

    private static final VsphereStubs STUBS = new VsphereStubs();
    private static final String LIBRARY = "a1e5b7f4-3c2d-4e6f-8a9b-0c1d2e3f4a5b";
    private static final String CREATE = "/api/vcenter/vm-template/library-items";

    private final VsphereDriverFactory factory = new VsphereDriverFactory();
    private DriverSession session;
    private ImageService images;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        STUBS.resetFaults();
        session = factory.connect(VsphereStubs.credentials(), STUBS.settings("vsphere-images",
                Map.of("library", LIBRARY)));
        images = session.imageService().orElseThrow();
    }

    @Test
    void instanceBecomesATemplateThatBootsAndIsDeleted() {
        assertThat(session.instance("vm-41").actions()).contains(InstanceAction.CREATE_IMAGE);
        String name = DriverContractTest.uniqueName("captured");
        Image image = images.createFromInstance("vm-41", name, "build agent as of today");
        assertThat(image.name()).isEqualTo(name);
        assertThat(image.ownerId()).isEqualTo(LIBRARY);
        assertThat(session.images(ImageFilter.ALL)).extracting(Image::id).contains(image.id());
        Instance booted = session.createInstance(new InstanceSpec(image.id(), null, null, Map.of(),
                DriverContractTest.uniqueName("from-capture"), null, null, List.of()));
        assertThat(booted.profile().hardwareProfileId()).as("4 vCPUs, 8 GiB, as the source").isEqualTo("large");
        session.destroy(booted.id());

        images.delete(image.id());
        assertThatThrownBy(() -> session.image(image.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void captureWhoseAnswerIsLostIsFoundByNameNotRepeated() {
        String name = DriverContractTest.uniqueName("lost-capture");
        STUBS.vcenter.loseNextAnswerTo(CREATE);
        Image image = images.createFromInstance("vm-42", name, null);
        assertThat(STUBS.server.findAll(postRequestedFor(urlPathEqualTo(CREATE)))).hasSize(1);
        assertThat(session.images(ImageFilter.ALL)).filteredOn(i -> i.name().equals(name)).hasSize(1)
                .extracting(Image::id).containsExactly(image.id());
        images.delete(image.id());
    }

    @Test
    void refusesTakenNamesAndUnknownInstances() {
        assertThatThrownBy(() -> images.createFromInstance("vm-42", "ubuntu-24.04-server", null))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> images.createFromInstance("vm-9999", null, null))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void withoutALibraryNoImagesAreMadeAndInstancesDoNotOfferIt() {
        DriverSession plain = factory.connect(VsphereStubs.credentials(), STUBS.settings("vsphere-plain", Map.of()));
        assertThat(plain.imageService()).isEmpty();
        assertThat(plain.instance("vm-41").actions()).doesNotContain(InstanceAction.CREATE_IMAGE);
    }
}
