package io.skyfed.drivers.openstack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.OperationNotSupportedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The security groups servers are in, as Neutron holds them: on the servers' ports. Nova's server answer names the
 * groups, which Neutron does not keep unique, so the ids are read from the ports. A cloud without Neutron has no
 * security groups to report.
 */
final class NeutronPorts {

    private final OpenStackRest rest;

    NeutronPorts(OpenStackRest rest) {
        this.rest = rest;
    }

    /** Server id to the ids of its security groups; for one server when {@code serverId} is set, else for all. */
    Map<String, List<String>> securityGroups(String serverId) {
        try {
            return rest.read("list ports", "network", "GET",
                    "/v2.0/ports" + (serverId == null ? "" : "?device_id=" + serverId), null,
                    OpenStackRest.about("port", null), NeutronPorts::groupsByDevice);
        } catch (OperationNotSupportedException noNetworkService) {
            return Map.of();
        }
    }

    private static Map<String, List<String>> groupsByDevice(JsonObject answer) {
        Map<String, List<String>> groups = new HashMap<>();
        for (JsonElement p : answer.getAsJsonArray("ports")) {
            JsonObject port = p.getAsJsonObject();
            String device = OpenStackJson.text(port, "device_id");
            if (device == null || device.isEmpty() || !port.has("security_groups")) {
                continue;
            }
            List<String> ids = groups.computeIfAbsent(device, d -> new ArrayList<>());
            for (JsonElement g : port.getAsJsonArray("security_groups")) {
                if (!ids.contains(g.getAsString())) {
                    ids.add(g.getAsString());
                }
            }
        }
        return groups;
    }
}
