package io.skyfed.drivers.vsphere;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.drivers.DriverRegistry;
import io.skyfed.drivers.contract.DriverContractTest;
import io.skyfed.drivers.spi.CapacityFigure;
import io.skyfed.drivers.spi.CapacityReport;
import io.skyfed.drivers.spi.CapacityResource;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceAction;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.ProviderSettings;
import io.skyfed.drivers.spi.Realm;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the contract cannot see: vSphere's power states, deploy payloads, placement, capacity and settings. */
class VsphereDriverTest {

    private static final VsphereStubs STUBS = new VsphereStubs();
    private static final String TEMPLATE = "5c9d2c8e-8a3b-4c1e-9f3a-2b7d6e1a0f11";
    private static final String DEPLOY = "/api/vcenter/vm-template/library-items/" + TEMPLATE;
    private static final long GIB = 1024L * 1024 * 1024;

    private final VsphereDriverFactory factory = new VsphereDriverFactory();
    private DriverSession session;

    @AfterAll
    static void stop() {
        STUBS.close();
    }

    @BeforeEach
    void connect() {
        STUBS.resetFaults();
        session = factory.connect(VsphereStubs.credentials(), STUBS.settings("vsphere-driver",
                Map.of("capacity.vcpus", "64", "capacity.memory-mb", "262144")));
    }

    @Test
    void brokerFindsTheDriverByItsDeltacloudNameAndConnectsWithConfiguredSettings() {
        var registered = DriverRegistry.load().find("vsphere").orElseThrow();
        assertThat(registered).isInstanceOf(VsphereDriverFactory.class);
        assertThat(registered.displayName()).isEqualTo("vSphere");
        // What skyfed.providers.<name>.driver/endpoint/user/secret become in the broker.
        DriverSession configured = registered.connect(new Credentials(VsphereFake.USER, VsphereFake.PASSWORD),
                new ProviderSettings("lab-vcenter", URI.create(STUBS.server.baseUrl() + "/api/"), null, Map.of()));
        assertThat(configured.realms()).extracting(Realm::name).containsExactlyInAnyOrder("DC-Lab", "DC-Edge");
        assertThat(registered.health("lab-vcenter")).isPresent();
    }

    @Test
    void badSettingsAreRefusedBeforeAnyCall() {
        Credentials any = new Credentials("user", "secret");
        assertThatThrownBy(() -> factory.connect(any, new ProviderSettings("p", null, null, Map.of())))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("vCenter URL");
        assertThatThrownBy(() -> factory.connect(any, new ProviderSettings("p", URI.create("ftp://vc"), null,
                Map.of()))).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("vCenter URL");
        assertThatThrownBy(() -> factory.connect(any, STUBS.settings("p", Map.of("max-cpus", "0"))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("max-cpus");
        assertThatThrownBy(() -> factory.connect(any, STUBS.settings("p", Map.of("folder", "../group-v4"))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("folder");
        assertThatThrownBy(() -> factory.connect(any, STUBS.settings("p", Map.of("capacity.vcpus", "many"))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("capacity.vcpus");
        assertThatThrownBy(() -> factory.connect(any, STUBS.settings("p", Map.of("vi-json-release", "8.0/../x"))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("vi-json-release");
        assertThatThrownBy(() -> factory.connect(any, STUBS.settings("p", Map.of("cpu-allocation-ratio", "0"))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("cpu-allocation-ratio");
    }

    @Test
    void realmsAreDatacentersAvailableWhileAHostIsConnected() {
        assertThat(session.realms()).containsExactly(new Realm("datacenter-21", "DC-Edge", false, null),
                new Realm("datacenter-3", "DC-Lab", true, null));
    }

    @Test
    void powerStatesMapToInstanceStatesAndSuspendedVmsResume() {
        assertThat(session.instance("vm-41").state()).isEqualTo(InstanceState.RUNNING);
        assertThat(session.instance("vm-42").state()).isEqualTo(InstanceState.STOPPED);
        Instance suspended = session.instance("vm-43");
        assertThat(suspended.state()).isEqualTo(InstanceState.STOPPED);
        assertThat(suspended.actions()).containsExactlyInAnyOrder(InstanceAction.START, InstanceAction.DESTROY);
        assertThat(suspended.profile().hardwareProfileId()).isEqualTo(VsphereProfiles.CUSTOM);
        assertThat(suspended.profile().overrides()).containsEntry("cpu", "2").containsEntry("memory", "3072");
        assertThat(session.instance("vm-42").profile().hardwareProfileId()).isEqualTo("small");
        assertThat(session.start("vm-43").state()).isEqualTo(InstanceState.RUNNING);
        assertThat(session.stop("vm-43").state()).isEqualTo(InstanceState.STOPPED);
    }

    @Test
    void deployCarriesTheChosenSizeAndThePlacementOfTheRealm() {
        String name = DriverContractTest.uniqueName("sized");
        Instance created = session.createInstance(new InstanceSpec(TEMPLATE, "datacenter-3", VsphereProfiles.CUSTOM,
                Map.of("cpu", "6", "memory", "12288"), name, null, null, List.of()));
        try {
            STUBS.server.verify(postRequestedFor(urlPathEqualTo(DEPLOY)).withRequestBody(equalToJson(
                    "{\"name\":\"" + name + "\",\"placement\":{\"folder\":\"group-v4\",\"resource_pool\":"
                            + "\"resgroup-8\"},\"powered_on\":true,\"hardware_customization\":{\"cpu_update\":"
                            + "{\"num_cpus\":6},\"memory_update\":{\"memory\":12288}}}")));
            assertThat(created.profile().overrides()).containsEntry("cpu", "6").containsEntry("memory", "12288");
            assertThat(created.realmId()).isEqualTo("datacenter-3");
            assertThat(created.imageId()).isEqualTo(TEMPLATE);
        } finally {
            session.destroy(created.id());
        }
    }

    @Test
    void createRefusesATakenNameAndWhatVsphereCannotTake() {
        int before = session.instances().size();
        assertThatThrownBy(() -> session.createInstance(new InstanceSpec(TEMPLATE, null, null, Map.of(), "ldap-1",
                null, null, List.of()))).isInstanceOf(InvalidArgumentException.class)
                .extracting(e -> ((InvalidArgumentException) e).parameter()).isEqualTo("name");
        assertThatThrownBy(() -> session.createInstance(new InstanceSpec(TEMPLATE, null, null, Map.of(), "a/b",
                null, null, List.of()))).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> session.createInstance(new InstanceSpec(TEMPLATE, null, null, Map.of(), null,
                "ops", null, List.of()))).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> session.createInstance(new InstanceSpec(TEMPLATE, null, "small",
                Map.of("cpu", "2"), null, null, null, List.of()))).isInstanceOf(InvalidArgumentException.class)
                .extracting(e -> ((InvalidArgumentException) e).parameter()).isEqualTo("hwp_cpu");
        assertThatThrownBy(() -> session.createInstance(InstanceSpec.ofImage("0b6a5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d")))
                .as("an ISO item is not an image").isInstanceOf(InvalidArgumentException.class);
        assertThat(session.instances()).hasSize(before);
    }

    @Test
    void capacityCountsPoweredOnVmsAgainstTheConfiguredLimitsAndDatastores() {
        CapacityReport report = session.capacity().orElseThrow().capacity();
        assertThat(report.total(CapacityResource.VCPUS)).contains(new CapacityFigure(CapacityResource.VCPUS, null,
                4, 64));
        assertThat(report.total(CapacityResource.MEMORY_MB)).contains(new CapacityFigure(CapacityResource.MEMORY_MB,
                null, 8192, 262144));
        assertThat(report.total(CapacityResource.INSTANCES)).contains(new CapacityFigure(CapacityResource.INSTANCES,
                null, 3, CapacityFigure.UNLIMITED));
        long capacity = 4398046511104L + 536870912000L + 1099511627776L;
        long free = 1649267441664L + 322122547200L + 858993459200L;
        assertThat(report.total(CapacityResource.STORAGE_GB)).contains(new CapacityFigure(
                CapacityResource.STORAGE_GB, null, (capacity - free) / GIB, capacity / GIB));
        assertThat(report.figures()).contains(new CapacityFigure(CapacityResource.STORAGE_GB, "datacenter-21",
                (1099511627776L - 858993459200L) / GIB, 1099511627776L / GIB));
    }

    /**
     * vCenter's VM list has no pages and refuses a call matching more than its cap: a datacenter holding more VMs
     * than that is read host by host, each under the cap, every VM once.
     */
    @Test
    void aDatacenterAboveTheListCapIsReadHostByHost() {
        List<String> added = new ArrayList<>(STUBS.vcenter.seedVms("datacenter-3", "host-12", "cap-a-", 5));
        added.addAll(STUBS.vcenter.seedVms("datacenter-3", "host-15", "cap-b-", 5));
        STUBS.vcenter.vmListCap(9);
        try {
            int calls = STUBS.vcenter.vmLists();
            List<Instance> listed = session.instances();
            assertThat(listed).extracting(Instance::id).containsAll(added).doesNotHaveDuplicates();
            assertThat(STUBS.vcenter.vmLists() - calls).as("one VM list per host of both datacenters").isEqualTo(4);
            long inDc3 = listed.stream().filter(i -> i.realmId().equals("datacenter-3")).count();
            assertThat(inDc3).as("more than one call could list").isGreaterThan(9);
            assertThat(session.capacity().orElseThrow().capacity().figures()).contains(new CapacityFigure(
                    CapacityResource.INSTANCES, "datacenter-3", inDc3, CapacityFigure.UNLIMITED));
        } finally {
            STUBS.vcenter.vmListCap(4000);
            STUBS.vcenter.removeVms(added);
        }
    }
}
