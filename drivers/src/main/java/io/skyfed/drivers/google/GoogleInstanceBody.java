package io.skyfed.drivers.google;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The body of {@code instances.insert} (Compute API v1 "Instance" resource), as far as the driver fills it. */
final class GoogleInstanceBody {

    private GoogleInstanceBody() {
    }

    /**
     * @param sshKeys  the {@code ssh-keys} metadata line of the login key, or null
     * @param userData raw user data, or null: a {@code #cloud-config} document goes to {@code user-data} for
     *                 cloud-init, anything else to {@code startup-script}, which GCE's guest agent runs at boot
     * @param firewalls the firewalls asked for, recorded so the instance can report them
     * @param tags     the network tags that put the instance under those firewalls
     */
    static JsonObject of(GoogleSettings settings, String name, String zone, String machineType, URI sourceImage,
                         String imageId, String sshKeys, byte[] userData, List<String> firewalls,
                         List<String> tags) {
        JsonObject body = new JsonObject();
        body.addProperty("name", name);
        body.addProperty("machineType", settings.resource("zones/" + zone + "/machineTypes/" + machineType)
                .toString());

        JsonObject init = new JsonObject();
        init.addProperty("sourceImage", sourceImage.toString());
        JsonObject boot = new JsonObject();
        boot.addProperty("boot", true);
        boot.addProperty("autoDelete", true);
        boot.add("initializeParams", init);
        JsonArray disks = new JsonArray();
        disks.add(boot);
        body.add("disks", disks);

        JsonObject nat = new JsonObject();
        nat.addProperty("type", "ONE_TO_ONE_NAT");
        nat.addProperty("name", "External NAT");
        JsonArray access = new JsonArray();
        access.add(nat);
        JsonObject nic = new JsonObject();
        nic.addProperty("network", settings.networkUri().toString());
        nic.add("accessConfigs", access);
        JsonArray nics = new JsonArray();
        nics.add(nic);
        body.add("networkInterfaces", nics);

        if (!tags.isEmpty()) {
            JsonArray tagItems = new JsonArray();
            tags.forEach(tagItems::add);
            JsonObject networkTags = new JsonObject();
            networkTags.add("items", tagItems);
            body.add("tags", networkTags);
        }

        JsonArray items = new JsonArray();
        items.add(item(GoogleRecords.IMAGE_KEY, imageId));
        if (!firewalls.isEmpty()) {
            items.add(item(GoogleRecords.FIREWALLS_KEY, String.join(",", firewalls)));
        }
        if (sshKeys != null) {
            items.add(item(GoogleRecords.SSH_KEYS, sshKeys));
        }
        if (userData != null) {
            String text = new String(userData, StandardCharsets.UTF_8);
            items.add(item(text.startsWith("#cloud-config") ? "user-data" : "startup-script", text));
        }
        JsonObject metadata = new JsonObject();
        metadata.add("items", items);
        body.add("metadata", metadata);
        return body;
    }

    private static JsonObject item(String key, String value) {
        JsonObject item = new JsonObject();
        item.addProperty("key", key);
        item.addProperty("value", value);
        return item;
    }
}
