package io.skyfed.drivers.azure;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.Address;
import io.skyfed.drivers.spi.AddressService;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Addresses are Standard static public IPs of the resource group (Network "Public IP Addresses"). An address is
 * associated by naming it in the primary IP configuration of the VM's first NIC, which replaces the public IP the
 * VM had there (that one stays allocated, and is released with the VM). The instance of an address is found from
 * its {@code ipConfiguration} (a NIC's configuration) and that NIC's {@code virtualMachine}.
 */
final class AzureAddressService implements AddressService {

    private final AzureAccount account;

    AzureAddressService(AzureAccount account) {
        this.account = account;
    }

    private String ipPath(String name) {
        return "/resourceGroups/" + account.group() + "/providers/Microsoft.Network/publicIPAddresses"
                + (name == null ? "" : "/" + name);
    }

    @Override
    public List<Address> list() {
        Map<String, String> vmOfNic = new HashMap<>();
        for (JsonObject nic : account.list("ListNetworkInterfaces", "network_interface",
                AzureNetwork.path(account, "networkInterfaces", null), AzureSession.NETWORK_API)) {
            String vm = AzureNetwork.idOf(nic.getAsJsonObject("properties"), "virtualMachine");
            if (vm != null) {
                vmOfNic.put(nic.get("id").getAsString().toLowerCase(), AzureNetwork.last(vm));
            }
        }
        List<Address> addresses = new ArrayList<>();
        for (JsonObject ip : account.list("ListPublicIPAddresses", "address", ipPath(null), AzureSession.NETWORK_API)) {
            String nic = nicOf(ip);
            addresses.add(address(ip, nic == null ? null : vmOfNic.get(nic.toLowerCase())));
        }
        addresses.sort(Comparator.comparing(Address::id));
        return addresses;
    }

    @Override
    public Address get(String id) {
        JsonObject ip = read(id);
        String nic = nicOf(ip);
        return address(ip, nic == null ? null : vmOf(nic));
    }

    private JsonObject read(String id) {
        if (!AzureNames.isResourceName(id)) {
            throw new NotFoundException("address", id);
        }
        return account.idempotent("GetPublicIPAddress", "address", id,
                () -> account.arm.get(ipPath(id), AzureSession.NETWORK_API));
    }

    /** A Standard static public IP under a fresh name; the PUT names it, so a repeat after a lost answer makes one. */
    @Override
    public Address create() {
        String name = AzureNames.generated("ip");
        JsonObject body = new JsonObject();
        body.addProperty("location", account.settings.location());
        JsonObject sku = new JsonObject();
        sku.addProperty("name", "Standard");
        body.add("sku", sku);
        JsonObject properties = new JsonObject();
        properties.addProperty("publicIPAllocationMethod", "Static");
        properties.addProperty("publicIPAddressVersion", "IPv4");
        body.add("properties", properties);
        return address(AzureNetwork.put(account, "CreateOrUpdatePublicIPAddress", "address", ipPath(name), body), null);
    }

    @Override
    public void delete(String id) {
        JsonObject ip = read(id);
        if (nicOf(ip) != null) {
            throw new InvalidStateException("address " + id + " is associated: disassociate it first");
        }
        AzureNetwork.delete(account, "DeletePublicIPAddress", "address", id, ipPath(id));
    }

    @Override
    public Address associate(String addressId, String instanceId) {
        JsonObject ip = read(addressId);
        if (nicOf(ip) != null) {
            throw new InvalidStateException("address " + addressId + " is already associated");
        }
        String nicName = primaryNic(instanceId);
        JsonObject nic = AzureNetwork.get(account, "GetNetworkInterface", "network_interface", nicName,
                AzureNetwork.path(account, "networkInterfaces", nicName));
        JsonObject reference = new JsonObject();
        reference.addProperty("id", ip.get("id").getAsString());
        primaryConfiguration(nic).getAsJsonObject("properties").add("publicIPAddress", reference);
        putNic(nicName, nic);
        return get(addressId);
    }

    @Override
    public Address disassociate(String addressId) {
        JsonObject ip = read(addressId);
        String nicId = nicOf(ip);
        if (nicId == null) {
            throw new InvalidStateException("address " + addressId + " is not associated");
        }
        String nicName = AzureNetwork.last(nicId);
        JsonObject nic = AzureNetwork.get(account, "GetNetworkInterface", "network_interface", nicName,
                AzureNetwork.path(account, "networkInterfaces", nicName));
        for (JsonElement c : configurations(nic)) {
            JsonObject p = c.getAsJsonObject().getAsJsonObject("properties");
            String held = AzureNetwork.idOf(p, "publicIPAddress");
            if (held != null && held.equalsIgnoreCase(ip.get("id").getAsString())) {
                p.remove("publicIPAddress");
            }
        }
        putNic(nicName, nic);
        return get(addressId);
    }

    private void putNic(String name, JsonObject nic) {
        // read-only parts of the answer are ignored by a PUT; the body states the NIC's whole configuration
        AzureNetwork.put(account, "CreateOrUpdateNetworkInterface", "network_interface",
                AzureNetwork.path(account, "networkInterfaces", name), nic);
    }

    /** The name of the first NIC of a VM (where Azure puts its primary IP configuration). */
    private String primaryNic(String instanceId) {
        if (!AzureNames.isResourceName(instanceId)) {
            throw new InvalidArgumentException("instance_id", "instance '" + instanceId + "' does not exist");
        }
        JsonObject vm;
        try {
            vm = account.idempotent("GetVirtualMachine", "instance", instanceId, () -> account.arm.get(
                    "/resourceGroups/" + account.group() + "/providers/Microsoft.Compute/virtualMachines/"
                            + instanceId, AzureSession.COMPUTE_API));
        } catch (NotFoundException e) {
            throw new InvalidArgumentException("instance_id", "instance '" + instanceId + "' does not exist");
        }
        JsonObject network = vm.getAsJsonObject("properties").getAsJsonObject("networkProfile");
        JsonArray nics = network == null ? null : network.getAsJsonArray("networkInterfaces");
        if (nics == null || nics.isEmpty()) {
            throw new InvalidStateException("instance " + instanceId + " has no network interface");
        }
        return AzureNetwork.last(nics.get(0).getAsJsonObject().get("id").getAsString());
    }

    private static JsonArray configurations(JsonObject nic) {
        return nic.getAsJsonObject("properties").getAsJsonArray("ipConfigurations");
    }

    private static JsonObject primaryConfiguration(JsonObject nic) {
        JsonArray all = configurations(nic);
        for (JsonElement c : all) {
            JsonObject p = c.getAsJsonObject().getAsJsonObject("properties");
            if (p.has("primary") && p.get("primary").getAsBoolean()) {
                return c.getAsJsonObject();
            }
        }
        return all.get(0).getAsJsonObject();
    }

    /** The NIC id an address is bound to, from its ipConfiguration ({@code …/networkInterfaces/n/ipConfigurations/c}). */
    private static String nicOf(JsonObject ip) {
        String configuration = AzureNetwork.idOf(ip.getAsJsonObject("properties"), "ipConfiguration");
        if (configuration == null) {
            return null;
        }
        int at = configuration.toLowerCase().indexOf("/ipconfigurations/");
        return at < 0 ? null : configuration.substring(0, at);
    }

    private String vmOf(String nicId) {
        String name = AzureNetwork.last(nicId);
        try {
            JsonObject nic = AzureNetwork.get(account, "GetNetworkInterface", "network_interface", name,
                    AzureNetwork.path(account, "networkInterfaces", name));
            String vm = AzureNetwork.idOf(nic.getAsJsonObject("properties"), "virtualMachine");
            return vm == null ? null : AzureNetwork.last(vm);
        } catch (NotFoundException gone) {
            return null;
        }
    }

    private static Address address(JsonObject ip, String instanceId) {
        JsonObject p = ip.getAsJsonObject("properties");
        String address = p != null && p.has("ipAddress") ? p.get("ipAddress").getAsString() : "";
        return new Address(ip.get("name").getAsString(), address, instanceId);
    }
}
