package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceAction;
import io.skyfed.drivers.spi.InstanceAddress;
import io.skyfed.drivers.spi.VolumeAttachment;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An instance with its references, addresses and the actions its state allows. */
final class InstanceView {

    /** Deltacloud's units of hardware properties, for the values an instance was created with. */
    private static final Map<String, String> UNITS = Map.of("cpu", "count", "memory", "MB", "storage", "GB",
            "architecture", "label");
    /** Actions in a stable order, so equal instances render to equal bytes (and entity tags). */
    private static final List<InstanceAction> ORDER = List.of(InstanceAction.START, InstanceAction.STOP,
            InstanceAction.REBOOT, InstanceAction.DESTROY, InstanceAction.CREATE_IMAGE);

    private InstanceView() {
    }

    /**
     * @param authentication the Deltacloud authentication type to show ("key", "password") or null for none
     */
    static void write(DocWriter w, Links links, Instance i, String authentication) {
        w.startObject("instance");
        w.attribute("href", links.member("instances", i.id()));
        w.attribute("id", i.id());
        w.element("name", i.name());
        w.optionalElement("owner_id", i.ownerId());
        if (i.imageId() != null) {
            w.reference("image", "href", links.member("images", i.imageId()), "id", i.imageId());
        }
        if (i.realmId() != null) {
            w.reference("realm", "href", links.member("realms", i.realmId()), "id", i.realmId());
        }
        w.element("state", i.state().name());
        writeProfile(w, links, i);
        writeActions(w, links, i);
        w.optionalElement("launch_time", i.launchedAt());
        writeAddresses(w, "public_addresses", i.publicAddresses());
        writeAddresses(w, "private_addresses", i.privateAddresses());
        w.startList("firewalls", "firewall");
        for (String firewall : i.firewallIds()) {
            w.startItem();
            w.attribute("href", links.member("firewalls", firewall));
            w.attribute("id", firewall);
            w.end();
        }
        w.end();
        w.startList("storage_volumes", "storage_volume");
        for (VolumeAttachment v : i.volumes()) {
            w.startItem();
            w.attribute("href", links.member("storage_volumes", v.volumeId()));
            w.attribute("id", v.volumeId());
            if (v.device() != null) {
                w.attribute("device", v.device());
            }
            w.end();
        }
        w.end();
        if (authentication != null) {
            w.startObject("authentication");
            w.attribute("type", authentication);
            if (i.keyName() != null) {
                w.startObject("login");
                w.element("keyname", i.keyName());
                w.end();
            }
            w.end();
        }
        w.end();
    }

    private static void writeProfile(DocWriter w, Links links, Instance i) {
        String profile = i.profile().hardwareProfileId();
        w.startObject("hardware_profile");
        w.attribute("href", links.member("hardware_profiles", profile));
        w.attribute("id", profile);
        w.startInlineList("properties", "property");
        i.profile().overrides().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            w.startItem();
            w.attribute("kind", "fixed");
            w.attribute("name", e.getKey());
            w.attribute("value", e.getValue());
            w.attribute("unit", UNITS.getOrDefault(e.getKey(), "label"));
            w.end();
        });
        w.end();
        w.end();
    }

    private static void writeActions(DocWriter w, Links links, Instance i) {
        w.startList("actions", "link");
        for (InstanceAction action : ORDER) {
            if (!i.actions().contains(action)) {
                continue;
            }
            w.startItem();
            w.attribute("rel", action.apiName());
            switch (action) {
                case DESTROY -> {
                    w.attribute("method", "delete");
                    w.attribute("href", links.member("instances", i.id()));
                }
                case CREATE_IMAGE -> {
                    w.attribute("method", "post");
                    w.attribute("href", links.collection("images") + ";instance_id=" + Links.segment(i.id()));
                }
                default -> {
                    w.attribute("method", "post");
                    w.attribute("href", links.action("instances", i.id(), action.apiName()));
                }
            }
            w.end();
        }
        w.end();
    }

    private static void writeAddresses(DocWriter w, String name, List<InstanceAddress> addresses) {
        w.startList(name, "address");
        for (InstanceAddress a : addresses) {
            w.startItem();
            w.attribute("type", a.type().name().toLowerCase(Locale.ROOT));
            w.text(a.address());
            w.end();
        }
        w.end();
    }
}
