package io.skyfed.drivers.openstack;

import static io.skyfed.drivers.openstack.OpenStackJson.text;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.Address;
import io.skyfed.drivers.spi.AddressService;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Floating IPs (Networking API v2.0) as addresses. New ones come from the provider's {@code floating-network} (an
 * external network's id), else from the first external network Neutron lists. An address belongs to an instance
 * through one of its ports: the instance is the port's {@code device_id}, and association picks the server's first
 * port. Neutron has no idempotency token: an allocation carries its request token in the floating IP's
 * description, and a retry first looks for it; (dis)association sets the whole state and is retried.
 */
final class NeutronAddressService implements AddressService {

    private final OpenStackSession session;
    private final OpenStackRest rest;
    private final String floatingNetwork;

    NeutronAddressService(OpenStackSession session, OpenStackRest rest, String floatingNetwork) {
        this.session = session;
        this.rest = rest;
        this.floatingNetwork = floatingNetwork;
    }

    @Override
    public List<Address> list() {
        Map<String, String> devices = portDevices();
        return rest.read("list floating IPs", "network", "GET", "/v2.0/floatingips", null,
                OpenStackRest.about("address", null), j -> {
                    List<Address> addresses = new ArrayList<>();
                    for (JsonElement f : j.getAsJsonArray("floatingips")) {
                        addresses.add(address(f.getAsJsonObject(), devices));
                    }
                    return addresses;
                }).stream().sorted(Comparator.comparing(Address::id)).toList();
    }

    @Override
    public Address get(String id) {
        JsonObject ip = floatingIp(id);
        return address(ip, portDevices());
    }

    @Override
    public Address create() {
        String network = floatingNetwork != null ? floatingNetwork : externalNetwork();
        JsonObject ip = new JsonObject();
        ip.addProperty("floating_network_id", network);
        String description = OpenStackSession.REQUEST_TOKEN + "=" + UUID.randomUUID();
        ip.addProperty("description", description);
        JsonObject body = new JsonObject();
        body.add("floatingip", ip);
        return rest.createWithLookUp("allocate floating IP", "network", "/v2.0/floatingips", body,
                OpenStackRest.about("address", null), j -> address(j.getAsJsonObject("floatingip"), Map.of()),
                () -> addressDescribed(description));
    }

    /** The floating IP with this description (filtered by Neutron, and checked here for clouds that do not). */
    private Optional<Address> addressDescribed(String description) throws Exception {
        JsonObject found = rest.unguardedGet("network", "/v2.0/floatingips?description="
                + URLEncoder.encode(description, StandardCharsets.UTF_8));
        for (JsonElement f : found.getAsJsonArray("floatingips")) {
            if (description.equals(text(f.getAsJsonObject(), "description"))) {
                return Optional.of(address(f.getAsJsonObject(), Map.of()));
            }
        }
        return Optional.empty();
    }

    @Override
    public void delete(String id) {
        if (get(id).instanceId() != null) {
            throw new InvalidStateException("address " + id + " is associated: disassociate it first");
        }
        rest.read("release floating IP", "network", "DELETE", "/v2.0/floatingips/" + id, null,
                OpenStackRest.about("address", id), j -> null);
    }

    @Override
    public Address associate(String addressId, String instanceId) {
        Address address = get(addressId);
        session.instance(instanceId);
        if (address.instanceId() != null) {
            throw new InvalidStateException("address " + addressId + " is associated with instance "
                    + address.instanceId());
        }
        String port = rest.read("look up server ports", "network", "GET", "/v2.0/ports?device_id=" + instanceId,
                null, OpenStackRest.about("instance", instanceId), j -> {
                    var ports = j.getAsJsonArray("ports");
                    return ports.isEmpty() ? null : ports.get(0).getAsJsonObject().get("id").getAsString();
                });
        if (port == null) {
            throw new InvalidStateException("instance " + instanceId + " has no network port to take an address");
        }
        setPort(addressId, port);
        return get(addressId);
    }

    @Override
    public Address disassociate(String addressId) {
        if (get(addressId).instanceId() == null) {
            throw new InvalidStateException("address " + addressId + " is not associated");
        }
        setPort(addressId, null);
        return get(addressId);
    }

    private void setPort(String addressId, String port) {
        JsonObject ip = new JsonObject();
        ip.addProperty("port_id", port);
        JsonObject body = new JsonObject();
        body.add("floatingip", ip);
        rest.read(port == null ? "disassociate floating IP" : "associate floating IP", "network", "PUT",
                "/v2.0/floatingips/" + addressId, body, e -> e.status() == 409
                        ? new InvalidStateException(e.getMessage()) : OpenStackRest.about("address", addressId).apply(e),
                j -> null);
    }

    private JsonObject floatingIp(String id) {
        if (!OpenStackIds.valid(id)) {
            throw new NotFoundException("address", id);
        }
        return rest.read("look up floating IP", "network", "GET", "/v2.0/floatingips/" + id, null,
                OpenStackRest.about("address", id), j -> j.getAsJsonObject("floatingip"));
    }

    private String externalNetwork() {
        String network = rest.read("find external network", "network", "GET",
                "/v2.0/networks?router:external=true", null, OpenStackRest.about("network", null), j -> {
                    var networks = j.getAsJsonArray("networks");
                    return networks.isEmpty() ? null : networks.get(0).getAsJsonObject().get("id").getAsString();
                });
        if (network == null) {
            throw new InvalidStateException("the project sees no external network to allocate addresses from");
        }
        return network;
    }

    /** Port id to the device (server) it belongs to, for the project's ports. */
    private Map<String, String> portDevices() {
        return rest.read("list ports", "network", "GET", "/v2.0/ports", null, OpenStackRest.about("port", null),
                j -> {
                    Map<String, String> devices = new HashMap<>();
                    for (JsonElement p : j.getAsJsonArray("ports")) {
                        JsonObject port = p.getAsJsonObject();
                        devices.put(port.get("id").getAsString(), text(port, "device_id"));
                    }
                    return devices;
                });
    }

    private static Address address(JsonObject f, Map<String, String> devices) {
        String port = text(f, "port_id");
        String device = port == null ? null : devices.get(port);
        return new Address(f.get("id").getAsString(), f.get("floating_ip_address").getAsString(),
                device == null || device.isEmpty() ? null : device);
    }
}
