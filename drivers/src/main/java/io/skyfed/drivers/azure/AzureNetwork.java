package io.skyfed.drivers.azure;

import com.google.gson.JsonObject;

/**
 * Microsoft.Network resources of the group spoken natively (public IPs, NICs, network security groups). Their PUTs
 * and DELETEs are long-running operations: each attempt follows the operation to its end (Azure-AsyncOperation or
 * Location, honouring Retry-After) within the attempt's budget. A PUT names its resource, so it is repeated like a
 * read; so is a DELETE.
 */
final class AzureNetwork {

    private AzureNetwork() {
    }

    static String path(AzureAccount account, String type, String name) {
        return "/resourceGroups/" + account.group() + "/providers/Microsoft.Network/" + type
                + (name == null ? "" : "/" + name);
    }

    static JsonObject get(AzureAccount account, String operation, String kind, String name, String path) {
        return account.idempotent(operation, kind, name, () -> account.arm.get(path, AzureSession.NETWORK_API));
    }

    static JsonObject put(AzureAccount account, String operation, String kind, String path, JsonObject body) {
        return account.idempotent(operation, kind, last(path), () -> account.arm.sendAndAwait("PUT", path,
                AzureSession.NETWORK_API, body, account.settings.socketTimeout()));
    }

    static void delete(AzureAccount account, String operation, String kind, String name, String path) {
        account.idempotent(operation, kind, name, () -> account.arm.sendAndAwait("DELETE", path,
                AzureSession.NETWORK_API, null, account.settings.socketTimeout()));
    }

    /** The {@code id} of a sub-resource reference ({@code {"virtualMachine": {"id": …}}}), or null. */
    static String idOf(JsonObject properties, String field) {
        if (properties == null || !properties.has(field) || !properties.get(field).isJsonObject()) {
            return null;
        }
        JsonObject reference = properties.getAsJsonObject(field);
        return reference.has("id") ? reference.get("id").getAsString() : null;
    }

    /** The last segment of a resource id or path. */
    static String last(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }
}
