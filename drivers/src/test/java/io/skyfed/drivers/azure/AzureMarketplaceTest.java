package io.skyfed.drivers.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.NotFoundException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Marketplace images of the configured offers, listed per SKU from the catalogue and bootable by URN. */
class AzureMarketplaceTest {

    private static final AzureStubs STUBS = new AzureStubs();
    private static final String JAMMY = "Canonical:0001-com-ubuntu-server-jammy:22_04-lts";
    private static final String VMS = "Microsoft.Compute/virtualMachines";

    private DriverSession session;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        session = new AzureDriverFactory().connect(AzureStubs.credentials(), STUBS.settings("azure-marketplace",
                Map.of("fault.timeout", "PT10S", "marketplace-offers", "Canonical:0001-com-ubuntu-server-jammy, Debian")));
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void listsEverySkuOfTheConfiguredOffersAsItsLatestVersion() {
        assertThat(session.images(ImageFilter.ALL)).extracting(Image::id).containsExactly(
                "debian-12-base", "ubuntu-2204-base", JAMMY + ":latest",
                "Canonical:0001-com-ubuntu-server-jammy:22_04-lts-arm64:latest", "Debian:debian-12:12:latest");
        assertThat(session.images(new ImageFilter("Canonical", "arm64"))).extracting(Image::id)
                .containsExactly("Canonical:0001-com-ubuntu-server-jammy:22_04-lts-arm64:latest");
    }

    @Test
    void readsOneVersionAndRefusesWhatTheCatalogueLacks() {
        Image version = session.image(JAMMY + ":22.04.202412050");
        assertThat(version.ownerId()).isEqualTo("Canonical");
        assertThat(version.architecture()).isEqualTo("x86_64");
        assertThat(version.hardwareProfileIds()).contains("Standard_B1s");
        assertThatThrownBy(() -> session.image(JAMMY + ":9.9.9")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> session.image("Canonical:no-such-offer:x:latest"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void bootsAVersionByUrnAndReportsIt() {
        int before = STUBS.arm.count(VMS);
        assertThatThrownBy(() -> session.createInstance(InstanceSpec.ofImage(JAMMY + ":1.0.0")))
                .isInstanceOf(InvalidArgumentException.class);
        assertThat(STUBS.arm.count(VMS)).isEqualTo(before);

        Instance vm = session.createInstance(InstanceSpec.ofImage(JAMMY + ":22.04.202411010"));
        try {
            assertThat(vm.imageId()).isEqualTo(JAMMY + ":22.04.202411010");
            assertThat(session.instance(vm.id()).imageId()).isEqualTo(JAMMY + ":22.04.202411010");
        } finally {
            session.destroy(vm.id());
        }
    }

    @Test
    void refusesAMalformedOfferSetting() {
        assertThatThrownBy(() -> new AzureDriverFactory().connect(AzureStubs.credentials(), STUBS.settings(
                "azure-marketplace-bad", Map.of("marketplace-offers", "Canonical/jammy"))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("marketplace-offers");
    }
}
