package io.skyfed.broker.testing;

import static io.restassured.RestAssured.given;

import io.skyfed.drivers.DriverRegistry;
import io.skyfed.drivers.spi.CapacityResource;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.ProviderSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives an on-premise mock provider's vCPU use up or down with 4-vCPU instances, then refreshes the inventory
 * of it and of the public site through the API (which is how the broker learns capacity).
 */
public final class OnPremiseLoad {

    private final DriverRegistry drivers;
    private final String onPremise;
    private final String cloud;
    private final List<String> load = new ArrayList<>();

    public OnPremiseLoad(DriverRegistry drivers, String onPremise, String cloud) {
        this.drivers = drivers;
        this.onPremise = onPremise;
        this.cloud = cloud;
    }

    /** Starts or destroys load until the on-premise vCPU use is about {@code target} of its limit. */
    public synchronized void utilisation(double target) {
        try (DriverSession session = drivers.find("mock").orElseThrow().connect(
                new Credentials("mockuser", "mockpassword"), new ProviderSettings(onPremise, null, null, Map.of()))) {
            var vcpus = session.capacity().orElseThrow().capacity().total(CapacityResource.VCPUS).orElseThrow();
            long wanted = (long) Math.ceil(target * vcpus.limit());
            long used = vcpus.used();
            while (used + 4 <= wanted) {
                load.add(session.createInstance(new InstanceSpec("img2", null, "m1-xlarge", Map.of(), null, null,
                        null, List.of())).id());
                used += 4;
            }
            while (used > wanted && !load.isEmpty()) {
                session.destroy(load.remove(load.size() - 1));
                used -= 4;
            }
        }
        given().post("/v1/inventory/providers/" + onPremise + "/refresh").then().statusCode(200);
        given().post("/v1/inventory/providers/" + cloud + "/refresh").then().statusCode(200);
    }
}
