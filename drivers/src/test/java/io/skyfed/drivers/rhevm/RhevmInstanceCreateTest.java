package io.skyfed.drivers.rhevm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a create sends to the engine: sizes, instance types, cloud-init user data; and what a failed boot leaves. */
class RhevmInstanceCreateTest {

    private static final OvirtStubs STUBS = new OvirtStubs();
    private static final AtomicInteger PROVIDERS = new AtomicInteger();
    private static final String TEMPLATE = "8c2e4d6f-0c61-11ef-a3c5-00163e5d2a01";
    private static final String MEDIUM = "00000007-0007-0007-0007-00000000010a";

    private DriverSession session;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        STUBS.resetFaults();
        session = new RhevmDriverFactory().connect(OvirtStubs.credentials(), STUBS.settings(
                "rhevm-create-" + PROVIDERS.incrementAndGet(), Map.of("fault.timeout", "PT10S")));
    }

    @Test
    void customSizesReachTheVm() {
        Instance created = session.createInstance(new InstanceSpec(TEMPLATE, null, RhevmProfiles.CUSTOM,
                Map.of("cpu", "4", "memory", "4096"), null, null, null, List.of()));
        try {
            assertThat(created.profile().hardwareProfileId()).isEqualTo(RhevmProfiles.CUSTOM);
            assertThat(created.profile().overrides()).containsEntry("cpu", "4").containsEntry("memory", "4096");
            assertThat(created.realmId()).as("the template's cluster").isEqualTo("7a1c5d92-0c5f-11ef-b7e4-00163e5d2a01");
        } finally {
            session.destroy(created.id());
        }
    }

    @Test
    void instanceTypeIsNamedInTheCreate() {
        Instance created = session.createInstance(new InstanceSpec(TEMPLATE, null, MEDIUM, Map.of(), null, null,
                null, List.of()));
        try {
            assertThat(created.profile().hardwareProfileId()).isEqualTo(MEDIUM);
            assertThatThrownBy(() -> session.createInstance(new InstanceSpec(TEMPLATE, null, MEDIUM,
                    Map.of("memory", "8192"), null, null, null, List.of())))
                    .isInstanceOf(InvalidArgumentException.class)
                    .extracting(e -> ((InvalidArgumentException) e).parameter()).isEqualTo("hwp_memory");
        } finally {
            session.destroy(created.id());
        }
    }

    @Test
    void userDataBecomesTheCloudInitScriptOfTheFirstBoot() {
        byte[] userData = "#cloud-config\npackages: [nginx]\n".getBytes(StandardCharsets.UTF_8);
        Instance created = session.createInstance(new InstanceSpec(TEMPLATE, null, null, Map.of(), "web-cloud-init",
                null, userData, List.of()));
        try {
            assertThat(STUBS.server.findAll(postRequestedFor(urlPathEqualTo(OvirtFake.API + "/vms"))
                    .withRequestBody(containing("\"custom_script\":\"#cloud-config\\npackages: [nginx]\\n\""))))
                    .hasSize(1);
            assertThat(STUBS.server.findAll(postRequestedFor(urlPathEqualTo(OvirtFake.API + "/vms/" + created.id()
                    + "/start")).withRequestBody(containing("\"use_cloud_init\":true")))).hasSize(1);
        } finally {
            session.destroy(created.id());
        }
    }

    @Test
    void refusesWhatTheEngineCannotDoBeforeCreating() {
        int vms = STUBS.engine.vmCount();
        assertThatThrownBy(() -> session.createInstance(new InstanceSpec(TEMPLATE, null, null, Map.of(), null,
                "ops-key", null, List.of()))).isInstanceOf(InvalidArgumentException.class)
                .extracting(e -> ((InvalidArgumentException) e).parameter()).isEqualTo("keyname");
        assertThatThrownBy(() -> session.createInstance(new InstanceSpec(TEMPLATE, null, null, Map.of(),
                "web-1", null, null, List.of()))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("exists");
        assertThatThrownBy(() -> session.createInstance(new InstanceSpec(TEMPLATE, null, null, Map.of(),
                "name with spaces*", null, null, List.of()))).isInstanceOf(InvalidArgumentException.class)
                .extracting(e -> ((InvalidArgumentException) e).parameter()).isEqualTo("name");
        assertThatThrownBy(() -> session.createInstance(InstanceSpec.ofImage(RhevmSession.BLANK_TEMPLATE)))
                .isInstanceOf(InvalidArgumentException.class);
        assertThat(STUBS.engine.vmCount()).isEqualTo(vms);
    }

    @Test
    void vmThatCannotBootIsRemovedNotLeaked() {
        int vms = STUBS.engine.vmCount();
        STUBS.server.stubFor(post(urlPathMatching(OvirtFake.API + "/vms/[^/]+/start")).atPriority(1)
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"reason\":\"Internal Server Error\",\"detail\":\"[Cannot run VM.]\"}")));
        assertThatThrownBy(() -> session.createInstance(InstanceSpec.ofImage(TEMPLATE)))
                .isInstanceOf(ProviderUnavailableException.class);
        assertThat(STUBS.engine.vmCount()).isEqualTo(vms);
    }
}
