package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.StorageVolume;

final class StorageVolumeView {

    private StorageVolumeView() {
    }

    static void write(DocWriter w, Links links, StorageVolume v) {
        w.startObject("storage_volume");
        w.attribute("href", links.member("storage_volumes", v.id()));
        w.attribute("id", v.id());
        w.optionalElement("created", v.createdAt());
        w.startObject("capacity");
        w.attribute("unit", "GB");
        w.text(Long.toString(v.capacityGb()));
        w.end();
        w.element("name", v.name());
        w.optionalElement("description", v.description());
        if (v.attachment() != null && v.attachment().device() != null) {
            w.element("device", v.attachment().device());
        }
        if (v.realmId() != null) {
            w.reference("realm", "id", v.realmId(), "href", links.member("realms", v.realmId()));
            w.element("realm_id", v.realmId());
        }
        w.element("state", v.state());
        if (v.snapshotId() != null) {
            w.reference("storage_snapshot", "id", v.snapshotId(), "href", links.member("storage_snapshots", v.snapshotId()));
        }
        if (v.attachment() != null) {
            w.startObject("mount");
            w.reference("instance", "href", links.member("instances", v.attachment().instanceId()),
                    "id", v.attachment().instanceId());
            if (v.attachment().device() != null) {
                w.reference("device", "name", v.attachment().device());
            }
            w.end();
        }
        ActionLink.writeAll(w,
                v.attachment() == null ? new ActionLink("attach", "post", links.action("storage_volumes", v.id(), "attach")) : null,
                v.attachment() != null ? new ActionLink("detach", "post", links.action("storage_volumes", v.id(), "detach")) : null,
                v.attachment() == null ? new ActionLink("destroy", "delete", links.member("storage_volumes", v.id())) : null);
        w.end();
    }
}
