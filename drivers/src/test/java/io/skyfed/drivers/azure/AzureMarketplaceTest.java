package io.skyfed.drivers.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.NotFoundException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Marketplace images of the configured offers, listed per SKU from the catalogue and bootable by URN; images sold
 * with a purchase plan give the VM their plan, once the subscription accepted its terms (by the provider only when
 * it opts in).
 */
class AzureMarketplaceTest {

    private static final AzureStubs STUBS = new AzureStubs();
    private static final String JAMMY = "Canonical:0001-com-ubuntu-server-jammy:22_04-lts";
    private static final String VMS = "Microsoft.Compute/virtualMachines";
    private static final String NICS = "Microsoft.Network/networkInterfaces";
    private static final String IPS = "Microsoft.Network/publicIPAddresses";
    private static final String FORTINET = "fortinet";
    private static final String FORTIGATE_OFFER = "fortinet_fortigate-vm_v5";
    private static final String FORTIGATE_SKU = "fortinet_fg-vm_payg_2023";
    /** A Marketplace SKU sold with a purchase plan (the fake's marketplace-plans.json), and that plan. */
    private static final String FORTIGATE = FORTINET + ":" + FORTIGATE_OFFER + ":" + FORTIGATE_SKU;
    private static final String FORTIGATE_PLAN = FORTINET + ":" + FORTIGATE_OFFER + ":" + FORTIGATE_SKU;

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
    void latestIsTheNewestVersionAndShowsItsPurchasePlan() {
        // 7.4.10 is newer than 7.4.5 though it sorts before it as text
        assertThat(session.image(FORTIGATE + ":latest").description())
                .contains("now 7.4.10").contains("purchase plan " + FORTIGATE_PLAN);
        assertThat(session.image(FORTIGATE + ":7.2.9").description()).contains("purchase plan " + FORTIGATE_PLAN);
        assertThat(session.image(JAMMY + ":latest").description()).contains("now 22.04.202412050")
                .doesNotContain("purchase plan");
    }

    @Test
    void aPlanWhoseTermsWereAcceptedGoesIntoTheVm() {
        STUBS.arm.terms(FORTINET, FORTIGATE_OFFER, FORTIGATE_SKU, true);
        int accepted = STUBS.arm.agreementPuts();
        Instance vm = session.createInstance(InstanceSpec.ofImage(FORTIGATE + ":latest"));
        try {
            assertThat(planOfVmPut(vm.id())).isEqualTo(JsonParser.parseString("""
                    {"publisher": "fortinet", "product": "fortinet_fortigate-vm_v5",
                     "name": "fortinet_fg-vm_payg_2023"}"""));
            assertThat(STUBS.arm.agreementPuts()).as("terms already accepted are not accepted again")
                    .isEqualTo(accepted);
        } finally {
            session.destroy(vm.id());
        }
    }

    @Test
    void termsNotAcceptedRefuseTheCreateBeforeAnythingIsMade() {
        STUBS.arm.terms(FORTINET, FORTIGATE_OFFER, FORTIGATE_SKU, false);
        int vms = STUBS.arm.count(VMS);
        int nics = STUBS.arm.count(NICS);
        int ips = STUBS.arm.count(IPS);
        int accepted = STUBS.arm.agreementPuts();
        assertThatThrownBy(() -> session.createInstance(InstanceSpec.ofImage(FORTIGATE + ":7.4.5")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("purchase plan " + FORTIGATE_PLAN)
                .hasMessageContaining("az vm image terms accept --publisher fortinet --offer fortinet_fortigate-vm_v5 "
                        + "--plan fortinet_fg-vm_payg_2023")
                .hasMessageContaining("accept-marketplace-terms=true");
        assertThat(STUBS.arm.count(VMS)).isEqualTo(vms);
        assertThat(STUBS.arm.count(NICS)).isEqualTo(nics);
        assertThat(STUBS.arm.count(IPS)).isEqualTo(ips);
        assertThat(STUBS.arm.agreementPuts()).isEqualTo(accepted);
        assertThat(STUBS.arm.termsAccepted(FORTINET, FORTIGATE_OFFER, FORTIGATE_SKU)).isFalse();
    }

    @Test
    void aProviderThatOptsInAcceptsTheTermsThenCreates() {
        STUBS.arm.terms(FORTINET, FORTIGATE_OFFER, FORTIGATE_SKU, false);
        int accepted = STUBS.arm.agreementPuts();
        try (DriverSession optedIn = new AzureDriverFactory().connect(AzureStubs.credentials(), STUBS.settings(
                "azure-marketplace-terms", Map.of("fault.timeout", "PT10S", "accept-marketplace-terms", "true")))) {
            Instance vm = optedIn.createInstance(InstanceSpec.ofImage(FORTIGATE + ":latest"));
            try {
                assertThat(STUBS.arm.termsAccepted(FORTINET, FORTIGATE_OFFER, FORTIGATE_SKU)).isTrue();
                assertThat(STUBS.arm.agreementPuts()).isEqualTo(accepted + 1);
                assertThat(planOfVmPut(vm.id()).getAsJsonObject().get("name").getAsString())
                        .isEqualTo(FORTIGATE_SKU);
            } finally {
                optedIn.destroy(vm.id());
            }
        }
    }

    @Test
    void refusesATermsSettingThatIsNotABoolean() {
        assertThatThrownBy(() -> new AzureDriverFactory().connect(AzureStubs.credentials(), STUBS.settings(
                "azure-marketplace-bad-terms", Map.of("accept-marketplace-terms", "yes"))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("accept-marketplace-terms");
    }

    /** The {@code plan} of the (last) VM PUT Resource Manager received for {@code vm}. */
    private static JsonElement planOfVmPut(String vm) {
        List<LoggedRequest> puts = STUBS.server.findAll(putRequestedFor(urlPathMatching(
                "(?i)/subscriptions/[^/]+/resourceGroups/[^/]+/providers/" + VMS + "/" + vm)));
        assertThat(puts).isNotEmpty();
        JsonElement plan = JsonParser.parseString(puts.get(puts.size() - 1).getBodyAsString()).getAsJsonObject()
                .get("plan");
        assertThat(plan).as("the VM PUT names a plan").isNotNull();
        return plan;
    }

    @Test
    void refusesAMalformedOfferSetting() {
        assertThatThrownBy(() -> new AzureDriverFactory().connect(AzureStubs.credentials(), STUBS.settings(
                "azure-marketplace-bad", Map.of("marketplace-offers", "Canonical/jammy"))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("marketplace-offers");
    }
}
