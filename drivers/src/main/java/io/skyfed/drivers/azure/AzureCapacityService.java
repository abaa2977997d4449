package io.skyfed.drivers.azure;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.CapacityFigure;
import io.skyfed.drivers.spi.CapacityReport;
import io.skyfed.drivers.spi.CapacityResource;
import io.skyfed.drivers.spi.CapacityService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The subscription's compute quotas and usage in the provider's location ({@code GET .../locations/{loc}/usages},
 * Compute "Usage - List"): regional vCPUs, VMs, and public IP addresses from the network usages. Not in jclouds.
 */
final class AzureCapacityService implements CapacityService {

    static final String COMPUTE_API = "2023-07-01";
    static final String NETWORK_API = "2023-09-01";
    private static final Map<String, CapacityResource> COMPUTE = Map.of(
            "cores", CapacityResource.VCPUS,
            "virtualMachines", CapacityResource.INSTANCES);
    private static final Map<String, CapacityResource> NETWORK = Map.of(
            "PublicIPAddresses", CapacityResource.PUBLIC_ADDRESSES);

    private final AzureAccount account;

    AzureCapacityService(AzureAccount account) {
        this.account = account;
    }

    @Override
    public CapacityReport capacity() {
        String location = account.settings.location();
        List<CapacityFigure> figures = new ArrayList<>();
        figures.addAll(figures(account.idempotent("ListComputeUsages", "capacity", location, () -> account.arm.get(
                "/providers/Microsoft.Compute/locations/" + location + "/usages", COMPUTE_API)), COMPUTE));
        figures.addAll(figures(account.idempotent("ListNetworkUsages", "capacity", location, () -> account.arm.get(
                "/providers/Microsoft.Network/locations/" + location + "/usages", NETWORK_API)), NETWORK));
        return new CapacityReport(Instant.now(), figures);
    }

    private static List<CapacityFigure> figures(JsonObject usages, Map<String, CapacityResource> wanted) {
        List<CapacityFigure> figures = new ArrayList<>();
        if (!usages.has("value") || !usages.get("value").isJsonArray()) {
            return figures;
        }
        for (JsonElement e : usages.getAsJsonArray("value")) {
            JsonObject usage = e.getAsJsonObject();
            String name = usage.getAsJsonObject("name").get("value").getAsString();
            CapacityResource resource = wanted.get(name);
            if (resource != null) {
                long used = Math.max(0, usage.get("currentValue").getAsLong());
                long limit = usage.get("limit").getAsLong();
                // a quota already exceeded (Azure allows it after a quota cut) reads as full, not negative
                figures.add(new CapacityFigure(resource, null, used, limit < 0 ? CapacityFigure.UNLIMITED
                        : Math.max(used, limit)));
            }
        }
        return figures;
    }
}
